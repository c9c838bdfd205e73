//! rovn-northd: compiles the OVN_Northbound database into OVN_Southbound logical flows.
