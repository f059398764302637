"""English names of the catalog's and the library's vocabularies, as reports print them
(translated through the report's catalog, resources/reports/<lang>.toml)."""

from __future__ import annotations

from blocking import AdCategory, NumberType, RequestState
from forensics_app.importers.records import (
    CallService,
    CallType,
    Direction,
    MessageService,
    MessageStatus,
    PointKind,
)
from forensics_app.storage.models import (
    ItemKind,
    ItemStatus,
    ReviewStatus,
    VerificationResult,
)

ITEM_KINDS = {
    ItemKind.PHONE: "Mobile phone",
    ItemKind.COMPUTER: "Computer",
    ItemKind.CCTV_RECORDER: "CCTV recorder",
    ItemKind.STORAGE_MEDIA: "Storage media",
    ItemKind.SIM_OR_MEMORY_CARD: "SIM / memory card",
    ItemKind.FLYER_PHOTO_BATCH: "Flyer photos",
    ItemKind.DOCUMENT: "Document",
    ItemKind.OTHER: "Other",
}
ITEM_STATUSES = {
    ItemStatus.IN_CUSTODY: "In custody",
    ItemStatus.IN_ANALYSIS: "In analysis",
    ItemStatus.RETURNED: "Returned",
    ItemStatus.DESTROYED: "Destroyed",
}
VERIFICATION = {
    VerificationResult.OK: "Pass",
    VerificationResult.MISMATCH: "FAIL: hash mismatch",
    VerificationResult.MISSING: "FAIL: file missing",
    VerificationResult.UNREADABLE: "FAIL: unreadable",
    VerificationResult.CHANGED_WHILE_READING: "FAIL: changed while reading",
}
NOT_VERIFIED = "Not verified yet"
REVIEW = {
    ReviewStatus.PENDING: "Not reviewed",
    ReviewStatus.ACCEPTED: "Accepted",
    ReviewStatus.REJECTED: "Rejected",
    ReviewStatus.CORRECTED: "Corrected",
}
REQUEST_STATES = {
    RequestState.DRAFT: "Draft",
    RequestState.AWAITING_APPROVAL: "Awaiting approval",
    RequestState.APPROVED: "Approved",
    RequestState.SUBMITTED: "Submitted",
    RequestState.SUSPENDED: "Suspended",
    RequestState.REJECTED: "Rejected",
    RequestState.OBJECTION_FILED: "Objection filed",
    RequestState.OBJECTION_UPHELD: "Objection upheld",
    RequestState.OBJECTION_DENIED: "Objection denied",
    RequestState.LIFT_REQUESTED: "Lift requested",
    RequestState.RESTORED: "Restored",
    RequestState.EXPIRED: "Expired",
    RequestState.TERMINATED: "Terminated",
    RequestState.WITHDRAWN: "Withdrawn",
}
CATEGORIES = {
    AdCategory.LENDING.value: "Illegal lending",
    AdCategory.OBSCENE_ADULT.value: "Obscene / adult",
    AdCategory.OTHER.value: "Other",
    "": "Unknown",
}
NUMBER_TYPES = {
    NumberType.MOBILE.value: "Mobile",
    NumberType.VOIP.value: "Internet phone (070)",
    NumberType.PERSONAL.value: "Personal number (050x)",
    NumberType.UAN.value: "Business number (15xx/16xx/18xx)",
    NumberType.FIXED_LINE.value: "Landline",
    NumberType.TOLL_FREE.value: "Toll-free (080)",
    NumberType.PREMIUM_RATE.value: "Premium rate (060)",
    NumberType.OTHER.value: "Other",
}
CUSTODY_ACTIONS = {
    "create": "Created",
    "edit": "Edited",
    "status": "Status changed",
    "hash": "Hashed",
    "verify": "Verified",
    "import": "Imported",
    "export": "Exported",
    "analyse": "Analysed",
    "review": "Reviewed",
    "handover": "Handed over",
    "examiner": "Examiner account",
    "login": "Signed in",
}

# ---- seized phones -------------------------------------------------------------------------
# A value missing here (a vocabulary that grew) is shown as stored, not hidden.
DIRECTIONS = {
    Direction.INCOMING: "Incoming",
    Direction.OUTGOING: "Outgoing",
    Direction.UNKNOWN: "Unknown",
}
MESSAGE_STATUSES = {
    MessageStatus.RECEIVED: "Received",
    MessageStatus.SENT: "Sent",
    MessageStatus.DRAFT: "Draft message",
    MessageStatus.OUTBOX: "In the outbox",
    MessageStatus.FAILED: "Sending failed",
    MessageStatus.QUEUED: "Waiting to be sent",
    MessageStatus.UNKNOWN: "",
}
MESSAGE_SERVICES = {
    MessageService.SMS: "SMS",
    MessageService.MMS: "MMS",
    MessageService.IMESSAGE: "iMessage",
    MessageService.RCS: "RCS",
    MessageService.OTHER: "Other",
}
CALL_TYPES = {
    CallType.INCOMING: "Incoming",
    CallType.OUTGOING: "Outgoing",
    CallType.MISSED: "Missed",
    CallType.VOICEMAIL: "Voicemail",
    CallType.REJECTED: "Declined",
    CallType.BLOCKED: "Blocked",
    CallType.ANSWERED_ELSEWHERE: "Answered on another device",
    CallType.UNKNOWN: "Unknown",
}
CALL_SERVICES = {
    CallService.PHONE: "Phone",
    CallService.FACETIME_AUDIO: "FaceTime audio",
    CallService.FACETIME_VIDEO: "FaceTime video",
    CallService.APP: "App (internet call)",
    CallService.UNKNOWN: "Unknown",
}
POINT_KINDS = {PointKind.PHONE: "Phone", PointKind.EMAIL: "E-mail", PointKind.OTHER: "Other"}
ARTIFACT_KINDS = {"message": "Message", "call": "Call", "contact": "Contact"}
# Kinds of the case timeline (services.timeline.TIMELINE_SOURCES). A kind not named here (a
# source added later) still shows, under its own id.
TIMELINE_KINDS = {
    "message": "Message",
    "call": "Call",
    "sighting": "Flyer sighting",
    "cctv": "CCTV clip",
}
# Where a number sits in an artifact (services.xref.Occurrence.role).
OCCURRENCE_ROLES = {
    "address": "Sender or recipient",
    "body": "Written in the text",
    "participant": "Group member",
    "contact": "Number of a contact",
}
# Which clock of a CCTV clip gives its time (forensics_app.cctv.timing.TimeSource values).
TIME_SOURCES = {"name": "File name", "container": "Container", "osd": "On-screen clock"}
# A CCTV clip's state after analysis (forensics_app.services.cctv STATUS_*).
CLIP_STATUSES = {
    "ok": "Read normally",
    "problems": "Read, with problems",
    "failed": "Could not be read",
    "needs_player": "Needs the maker's player",
    "not_video": "Not a video",
}
