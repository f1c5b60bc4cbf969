import Testing

/// Tests that touch process-wide state (signal dispositions, libedit's temporary signal
/// handlers, the C locale) run one at a time: a SIGINT arriving while libedit's handler is
/// installed would be forwarded to the whole process group.
@Suite(.serialized) enum ProcessWideTests {}
