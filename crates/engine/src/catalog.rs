//! AWS service catalog: STUB (owner: helper "trace").

/// Every endpoint service name in the catalog (`com.amazonaws.us-east-1.s3`), for pickers.
pub fn service_names() -> Vec<String> {
    Vec::new()
}
