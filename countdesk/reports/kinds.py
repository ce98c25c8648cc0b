"""The kinds of printed document (kept light: the command line imports this at start-up)."""

KIND_DECLARATION = "declaration"
KIND_PROVISIONAL = "provisional"
KIND_NOTICE = "notice"
KIND_VERIFICATION = "verification"
KIND_SUMMARY = "summary"
#: The record of recounts of a ward, and the timing report of the count (every ward).
KIND_RECOUNTS = "recounts"
KIND_TIMINGS = "timings"
#: The statement of rejected ballot papers of a ward (rule 47: each head, objected to, in part).
KIND_REJECTED = "rejected"
#: The statement of an error reported after the declaration. Printed from the error
#: reports the store holds, not by ``countdesk report KIND``, so it is not in KINDS.
KIND_ERROR_REPORT = "error-report"
#: The kinds ``countdesk report`` prints (its choices).
KINDS = (KIND_DECLARATION, KIND_PROVISIONAL, KIND_NOTICE, KIND_VERIFICATION, KIND_SUMMARY,
         KIND_RECOUNTS, KIND_TIMINGS, KIND_REJECTED)
#: Every kind countdesk writes into a document's metadata.
ALL_KINDS = (*KINDS, KIND_ERROR_REPORT)
#: Kinds that cover the whole election (no ward is given).
WHOLE_ELECTION = (KIND_NOTICE, KIND_SUMMARY, KIND_TIMINGS)
#: Kinds whose digest is the ward's result digest (the footer says "Result digest").
RESULT_DIGEST_KINDS = (KIND_DECLARATION, KIND_PROVISIONAL, KIND_ERROR_REPORT, KIND_REJECTED)
