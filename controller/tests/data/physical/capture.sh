#!/bin/bash
# capture.sh STATEDIR NAME: save everything a LocalView is built from, plus br-int flows.
# STATEDIR: a sandbox left running by `ovn-sandbox.sh up`; writes into $OUT_BASE/NAME.
# Run `ovn-appctl recompute` on both ovn-controllers first, then keep only the physical
# tables of chN-br-int-flows.txt (see README.md).
D=$1; C=$D/central; OUT=${OUT_BASE:-.}/$2; mkdir -p "$OUT"
sb(){ ovn-sbctl --db=unix:$C/sb.sock "$@"; }
sb list Datapath_Binding > $OUT/sb-datapath-binding.txt
sb list Port_Binding > $OUT/sb-port-binding.txt
sb list Multicast_Group > $OUT/sb-multicast-group.txt
sb list Chassis > $OUT/sb-chassis.txt
sb list Encap > $OUT/sb-encap.txt
sb list FDB > $OUT/sb-fdb.txt
for n in 1 2; do
  ovs-vsctl --db=unix:$D/ch$n/db.sock --columns=name,type,ofport,external_ids,options list Interface > $OUT/ch$n-interfaces.txt
  ovs-vsctl --db=unix:$D/ch$n/db.sock get Open_vSwitch . external_ids > $OUT/ch$n-ovs-external-ids.txt
  ovs-vsctl --db=unix:$D/ch$n/db.sock --columns=name,external_ids list Port > $OUT/ch$n-ports.txt
  ovs-vsctl --db=unix:$D/ch$n/db.sock list-ports br-int > $OUT/ch$n-br-int-ports.txt
  OVN_RUNDIR=$D/ch$n ovn-appctl -t $D/ch$n/ovn-controller.ctl ct-zone-list > $OUT/ch$n-ct-zones.txt
  ovs-ofctl -O OpenFlow15 --no-stats dump-flows unix:$D/ch$n/br-int.mgmt > $OUT/ch$n-br-int-flows.txt
done
wc -l $OUT/*
