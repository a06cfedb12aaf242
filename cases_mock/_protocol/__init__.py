"""The rest-json wire protocol of Connect Cases, driven by the installed botocore model."""
