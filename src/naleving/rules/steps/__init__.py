"""One module per group of contract rules; each rule returns its outcome and one trace step."""
