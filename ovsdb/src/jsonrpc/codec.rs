//! `tokio_util` codec: [`Message`]s over a byte stream, on top of the sans-IO [`Scanner`].
//!
//! Every decode error is fatal; `FramedRead` ends the stream after the first one, which is
//! what ovsdb-server does (log, then disconnect).

use bytes::{BufMut, BytesMut};
use tokio_util::codec::{Decoder, Encoder};
use tracing::warn;

use super::error::CodecError;
use super::message::Message;
use super::splitter::{Scanner, DEFAULT_MAX_MESSAGE_SIZE};

/// JSON-RPC 1.0 codec with a maximum message size.
#[derive(Debug, Clone)]
pub struct Codec {
    scanner: Scanner,
}

impl Default for Codec {
    fn default() -> Codec {
        Codec::new(DEFAULT_MAX_MESSAGE_SIZE)
    }
}

impl Codec {
    /// A codec rejecting incoming messages longer than `max_size` bytes.
    pub fn new(max_size: usize) -> Codec {
        Codec {
            scanner: Scanner::new(max_size),
        }
    }

    fn check(v: Option<serde_json::Value>) -> Result<Option<Message>, CodecError> {
        let Some(value) = v else { return Ok(None) };
        match Message::from_value(value.clone()) {
            Ok(m) => Ok(Some(m)),
            Err(error) => {
                warn!(%error, "received bad JSON-RPC message");
                Err(CodecError::Invalid { error, value })
            }
        }
    }
}

impl Decoder for Codec {
    type Item = Message;
    type Error = CodecError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Message>, CodecError> {
        let v = self
            .scanner
            .decode(src)
            .inspect_err(|e| warn!(error = %e, "error parsing stream"))?;
        Codec::check(v)
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Message>, CodecError> {
        let v = self.scanner.decode_eof(src)?;
        Codec::check(v)
    }
}

impl Encoder<Message> for Codec {
    type Error = CodecError;

    fn encode(&mut self, item: Message, dst: &mut BytesMut) -> Result<(), CodecError> {
        self.encode(&item, dst)
    }
}

impl Encoder<&Message> for Codec {
    type Error = CodecError;

    fn encode(&mut self, item: &Message, dst: &mut BytesMut) -> Result<(), CodecError> {
        serde_json::to_writer((&mut *dst).writer(), &item.to_value())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::{SinkExt, StreamExt};
    use serde_json::json;
    use tokio_util::codec::{FramedRead, FramedWrite};

    #[tokio::test]
    async fn framed_round_trip_over_a_duplex_pipe() {
        let (a, b) = tokio::io::duplex(7);
        let mut w = FramedWrite::new(a, Codec::default());
        let mut r = FramedRead::new(b, Codec::default());
        let msgs = vec![
            Message::request("echo", vec![json!("é\"{")], json!(1)),
            Message::notification("update", vec![json!(null), json!({"T":{}})]),
            Message::Response {
                result: json!([]),
                id: json!("x"),
            },
        ];
        let to_send = msgs.clone();
        let writer = tokio::spawn(async move {
            for m in &to_send {
                w.send(m).await.unwrap();
            }
        });
        let got: Vec<Message> = r.by_ref().map(|m| m.unwrap()).collect().await;
        assert_eq!(got, msgs);
        writer.await.unwrap();
    }

    #[tokio::test]
    async fn invalid_message_and_malformed_json_are_distinguished() {
        let mut c = Codec::default();
        let mut buf = BytesMut::from(&b"{\"foo\":1}"[..]);
        let e = c.decode(&mut buf).unwrap_err();
        assert!(!e.is_malformed());
        assert!(matches!(e, CodecError::Invalid { .. }));

        let mut c = Codec::default();
        let mut buf = BytesMut::from(&b"{bad json}"[..]);
        assert!(c.decode(&mut buf).unwrap_err().is_malformed());

        let mut c = Codec::new(10);
        let mut buf = BytesMut::from(&b"[1,2,3,4,5,6,7"[..]);
        assert!(c.decode(&mut buf).unwrap_err().is_malformed());
    }

    #[tokio::test]
    async fn stream_ends_after_first_error() {
        let data: &[u8] = b"{\"method\":\"echo\",\"params\":[],\"id\":1}{x}{\"method\":\"echo\",\"params\":[],\"id\":2}";
        let mut r = FramedRead::new(data, Codec::default());
        assert!(r.next().await.unwrap().is_ok());
        assert!(r.next().await.unwrap().is_err());
        assert!(r.next().await.is_none());
    }
}
