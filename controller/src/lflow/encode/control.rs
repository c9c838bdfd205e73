//! `next;`, `next(table);`, `next(pipeline=P, table=N);`, `output;` and `drop;`.
//!
//! `next` resubmits to the OpenFlow table of the target logical table; `output` resubmits
//! to the table where the packet leaves the pipeline: from ingress to
//! [`OfTable::OutputLargePktDetect`] (37, then the physical output stages), from egress to
//! [`OfTable::SaveInport`] (64, delivery). `drop` emits nothing: a flow with no actions drops.

use openflow::wire::action::{Action as OfAction, NxAction};

use crate::lflow::actions::Action;
use crate::lflow::logical_fields::{OfTable, Pipeline};

use super::{EncodeContext, EncodeError};

/// `resubmit(,table)`.
pub fn resubmit(table: u8) -> OfAction {
    OfAction::Nx(NxAction::Resubmit {
        in_port: 0xfff8,
        table,
        ct: false,
        legacy: false,
    })
}

/// The table `output;` resubmits to from `pipeline`.
pub fn output_table(pipeline: Pipeline) -> u8 {
    match pipeline {
        Pipeline::Ingress => OfTable::OutputLargePktDetect.id(),
        Pipeline::Egress => OfTable::SaveInport.id(),
    }
}

pub fn encode(
    a: &Action,
    ctx: &EncodeContext<'_>,
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    match a {
        Action::Output => out.push(resubmit(output_table(ctx.pipeline))),
        Action::Drop => {}
        Action::Next { pipeline, table } => {
            let t = match (pipeline, table) {
                (None, None) => ctx.next_table()?,
                (p, t) => ctx.of_table(p.unwrap_or(ctx.pipeline), t.unwrap_or(0))?,
            };
            out.push(resubmit(t));
        }
        other => return Err(EncodeError::Unsupported(other.to_string())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::lflow::encode::test_util::{encode_text, sw};
    use crate::lflow::logical_fields::Pipeline;
    use crate::lflow::lookup::MapLookup;

    #[test]
    fn next_output_drop() {
        assert_eq!(sw("next;"), "resubmit(,15)");
        assert_eq!(sw("next(10);"), "resubmit(,18)");
        assert_eq!(sw("next(pipeline=egress, table=2);"), "resubmit(,44)");
        assert_eq!(sw("output;"), "resubmit(,37)");
        let l = MapLookup::new();
        assert_eq!(
            encode_text("output;", Pipeline::Egress, 9, &l).unwrap(),
            "resubmit(,64)"
        );
        assert_eq!(sw("drop;"), "drop");
    }
}
