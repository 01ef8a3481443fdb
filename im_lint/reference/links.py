"""What a proposal's names point at in the catalogue: each process's `reference`, each `component`.

The engine makes these links once per file, before the rules run, and hands them to every rule in
its context: the reference rules (IM12) report on them, and the privacy rules (IM5) count a need
as personal data where the FORA process it serves accesses personal data and the need does not say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from im_lint.model import Need, Proposal, refs
from im_lint.reference.catalogue import COMPONENT, PROCESS_TYPES, Entry, ReferenceCatalogue


@dataclass
class Links:
    catalogue: ReferenceCatalogue
    processes: dict[str, Entry] = field(default_factory=dict)  # process id -> the element it names
    components: dict[str, Entry] = field(default_factory=dict)  # technology/existing id -> component
    _needs: dict[str, list[Entry]] = field(default_factory=dict)

    def personal_data_objects(self, proposal: Proposal, need: Need) -> list[Entry]:
        """The FORA information objects with personal data that the processes of the need's
        activities access (`for` -> `part-of` -> `reference`), by name."""
        if need.id not in self._needs:
            found: dict[str, Entry] = {}
            for activity in filter(None, map(proposal.element, refs(need.for_))):
                process_ref = getattr(activity, "part_of", None)
                entry = self.processes.get(process_ref.value.id) if process_ref is not None else None
                for item in self.catalogue.personal_data_objects(entry) if entry is not None else ():
                    found[item.id] = item
            self._needs[need.id] = sorted(found.values(), key=lambda e: e.name)
        return self._needs[need.id]


def link(proposal: Proposal, catalogue: ReferenceCatalogue) -> Links:
    links = Links(catalogue)
    for process in proposal.processes:
        if process.reference is not None:
            entry = catalogue.find(process.reference.value, PROCESS_TYPES)
            if entry is not None:
                links.processes[process.id] = entry
    for element in (*proposal.technologies, *proposal.existing):
        if element.component is not None:
            entry = catalogue.find(element.component.value, (COMPONENT,))
            if entry is not None:
                links.components[element.id] = entry
    return links
