"""The kinds of printed document (kept light: the command line imports this at start-up)."""

KIND_DECLARATION = "declaration"
KIND_PROVISIONAL = "provisional"
KIND_NOTICE = "notice"
KIND_VERIFICATION = "verification"
KIND_SUMMARY = "summary"
KINDS = (KIND_DECLARATION, KIND_PROVISIONAL, KIND_NOTICE, KIND_VERIFICATION, KIND_SUMMARY)
#: Kinds that cover the whole election (no ward is given).
WHOLE_ELECTION = (KIND_NOTICE, KIND_SUMMARY)
