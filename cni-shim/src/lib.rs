//! rovn-cni: the CNI plugin that forwards pod attachment requests to rovn-controller.
