//! OpenFlow 1.3/1.5 with the Nicira extensions OVN needs: message codec, match fields,
//! actions, ovs-ofctl text syntax and an async switch connection.
