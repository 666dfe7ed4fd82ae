"""The events table: one explicit Arrow schema for every event geoevent emits.

Codes are strings (leading zeros matter: "042" is not 42). Spans are character offsets into the
document text, end exclusive, -1 when unknown. ``*_resolution`` says how an actor was found
("dictionary", "coreference", "context-country", "document-country", "unknown-country",
"implicit-domestic", "unnamed-agent": the unnamed agent of a passive act of violence, with no
words of its own); ``*_antecedent_start/_end`` is the span of the mention a coreferent actor
("he", "the president") refers to, -1 otherwise. ``location_*``, ``latitude``, ``longitude``:
the gazetteer place the event happened at (null / -1 when the sentence names none; see
docs/context.md); ``sentence_start`` is the offset of the sentence in the document, so
``source_start - sentence_start`` is the source's offset in ``sentence_text``. An event code outside
the CAMEO codebook (one a
user's dictionary defines) has null base and root codes, quad class and Goldstein score.
"""

from __future__ import annotations

import pyarrow as pa

__all__ = ["EVENT_COLUMNS", "EVENT_SCHEMA", "LOCATION_COLUMNS", "METADATA_KEYS"]

_s = pa.string()
_i32 = pa.int32()

EVENT_SCHEMA: pa.Schema = pa.schema(
    [
        pa.field("event_id", _s, nullable=False),
        pa.field("doc_id", _s, nullable=False),
        pa.field("sentence_idx", _i32, nullable=False),
        pa.field("event_date", pa.date32()),
        pa.field("source_code", _s),
        pa.field("source_country", _s),
        pa.field("source_agent", _s),
        pa.field("source_text", _s),
        pa.field("source_start", _i32),
        pa.field("source_end", _i32),
        pa.field("source_resolution", _s),
        pa.field("source_antecedent_start", _i32),
        pa.field("source_antecedent_end", _i32),
        pa.field("target_code", _s),
        pa.field("target_country", _s),
        pa.field("target_agent", _s),
        pa.field("target_text", _s),
        pa.field("target_start", _i32),
        pa.field("target_end", _i32),
        pa.field("target_resolution", _s),
        pa.field("target_antecedent_start", _i32),
        pa.field("target_antecedent_end", _i32),
        pa.field("event_code", _s, nullable=False),
        pa.field("event_base_code", _s),
        pa.field("event_root_code", _s),
        pa.field("label", _s, nullable=False),
        pa.field("quad_class", pa.int8()),
        pa.field("goldstein", pa.float32()),
        pa.field("plover_type", _s),
        pa.field("verb_text", _s),
        pa.field("verb_start", _i32),
        pa.field("verb_end", _i32),
        pa.field("location_name", _s),
        pa.field("location_country", _s),
        pa.field("location_admin1", _s),
        pa.field("latitude", pa.float64()),
        pa.field("longitude", pa.float64()),
        pa.field("location_id", _s),
        pa.field("location_start", _i32),
        pa.field("location_end", _i32),
        pa.field("pattern_id", _s),
        pa.field("source_entry_id", _s),
        pa.field("target_entry_id", _s),
        pa.field("sentence_start", _i32),
        pa.field("sentence_text", _s),
        pa.field("parser", _s, nullable=False),
    ]
)

EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_SCHEMA.names)

#: The event's place (without its span ``location_start``/``location_end``): what the layouts
#: and :func:`geoevent.explain` carry.
LOCATION_COLUMNS: tuple[str, ...] = (
    "location_name",
    "location_country",
    "location_admin1",
    "latitude",
    "longitude",
    "location_id",
)

#: Keys of the schema-level metadata written with every events file (values are UTF-8 strings).
METADATA_KEYS: tuple[str, ...] = (
    "geoevent_version",
    "codebook_version",
    "dictionary_fingerprint",
    "parser",
)
#: written by geoevent.write_events too (the coding rules as JSON), not required by events_to_arrow
CODING_RULES_KEY = "coding_rules"
