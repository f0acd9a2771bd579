"""The test suite as a package, so helper modules are imported by their full name
(`tests.slack.payloads`) and no folder's conftest or helper can shadow another's."""
