from forensics_app.services import Workstation
from forensics_app.services.records import Actor


def test_case_roundtrip(workstation: Workstation, actor: Actor) -> None:
    created = workstation.cases.create(actor, "Flyers", number="C-1")
    assert workstation.cases.resolve("C-1").id == created.id
    assert workstation.custody.verify_chain().ok
