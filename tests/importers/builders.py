"""Device databases generated in code, on the schemas real phones write (table definitions
copied from the real files in shared/fixtures/real, or from AOSP and Apple's layouts where no
real file has the table). Tests and the device benchmark build their evidence with these."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAC_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)

# ---- Android (mmssms.db as in plaso's test image; calllog.db as in andriller's) ---------------
ANDROID_SMS = [
    "CREATE TABLE sms (_id INTEGER PRIMARY KEY,thread_id INTEGER,address TEXT,person INTEGER,date "
    "INTEGER,date_sent INTEGER DEFAULT 0,protocol INTEGER,read INTEGER DEFAULT 0,status INTEGER "
    "DEFAULT -1,type INTEGER,reply_path_present INTEGER,subject TEXT,body TEXT,service_center "
    "TEXT,locked INTEGER DEFAULT 0,error_code INTEGER DEFAULT 0,seen INTEGER DEFAULT 0)",
    "CREATE TABLE pdu (_id INTEGER PRIMARY KEY AUTOINCREMENT,thread_id INTEGER,date "
    "INTEGER,date_sent INTEGER DEFAULT 0,msg_box INTEGER,read INTEGER DEFAULT 0,m_id TEXT,sub "
    "TEXT,sub_cs INTEGER,ct_t TEXT,ct_l TEXT,exp INTEGER,m_cls TEXT,m_type INTEGER,v "
    "INTEGER,m_size INTEGER,pri INTEGER,rr INTEGER,rpt_a INTEGER,resp_st INTEGER,st INTEGER,tr_id "
    "TEXT,retr_st INTEGER,retr_txt TEXT,retr_txt_cs INTEGER,read_status INTEGER,ct_cls "
    "INTEGER,resp_txt TEXT,d_tm INTEGER,d_rpt INTEGER,locked INTEGER DEFAULT 0,seen INTEGER "
    "DEFAULT 0,text_only INTEGER DEFAULT 0)",
    "CREATE TABLE part (_id INTEGER PRIMARY KEY AUTOINCREMENT,mid INTEGER,seq INTEGER DEFAULT "
    "0,ct TEXT,name TEXT,chset INTEGER,cd TEXT,fn TEXT,cid TEXT,cl TEXT,ctt_s INTEGER,ctt_t "
    "TEXT,_data TEXT,text TEXT)",
    "CREATE TABLE addr (_id INTEGER PRIMARY KEY,msg_id INTEGER,contact_id INTEGER,address "
    "TEXT,type INTEGER,charset INTEGER)",
    "CREATE TABLE threads (_id INTEGER PRIMARY KEY AUTOINCREMENT,date INTEGER DEFAULT "
    "0,message_count INTEGER DEFAULT 0,recipient_ids TEXT,snippet TEXT,snippet_cs INTEGER DEFAULT "
    "0,read INTEGER DEFAULT 1,type INTEGER DEFAULT 0,error INTEGER DEFAULT 0,has_attachment "
    "INTEGER DEFAULT 0)",
    "CREATE TABLE canonical_addresses (_id INTEGER PRIMARY KEY AUTOINCREMENT,address TEXT)",
    "CREATE INDEX typeThreadIdIndex ON sms (type, thread_id)",
]
# Samsung's telephony provider adds columns and tables of its own.
SAMSUNG_SMS_EXTRAS = [
    "ALTER TABLE sms ADD COLUMN reserved INTEGER DEFAULT 0",
    "ALTER TABLE sms ADD COLUMN pri INTEGER DEFAULT 0",
    "ALTER TABLE sms ADD COLUMN sim_slot INTEGER DEFAULT 0",
    "ALTER TABLE sms ADD COLUMN deletable INTEGER DEFAULT 0",
    "CREATE TABLE spam_filter (_id INTEGER PRIMARY KEY, filter_type INTEGER, filter_criteria TEXT)",
    "CREATE TABLE im_threads (_id INTEGER PRIMARY KEY, normalized_date INTEGER, session_id TEXT)",
]
# Samsung's message recycle bin (SecTelephonyProvider's BinDbConstants): the sms columns and
# the time the message went to the bin; MMS likewise in bin_pdu / bin_part / bin_addr.
SAMSUNG_BIN = [
    ANDROID_SMS[0]
    .replace("CREATE TABLE sms (", "CREATE TABLE bin_sms (")
    .replace("seen INTEGER DEFAULT 0)", "seen INTEGER DEFAULT 0,bin_timestamp INTEGER DEFAULT 0)"),
    ANDROID_SMS[1].replace("CREATE TABLE pdu (", "CREATE TABLE bin_pdu ("),
]
# Samsung's RCS chats (채팅+) and file transfers, beside sms in mmssms.db (the columns of
# BinDbConstants' bin_im / bin_ft without the bin's own).
SAMSUNG_RCS = [
    "CREATE TABLE im (_id INTEGER PRIMARY KEY AUTOINCREMENT,thread_id INTEGER DEFAULT "
    "0,transaction_id INTEGER DEFAULT 0,address TEXT,date_sent INTEGER DEFAULT 0,date INTEGER "
    "DEFAULT 0,read INTEGER DEFAULT 0,status INTEGER DEFAULT 0,type INTEGER DEFAULT 0,body "
    "TEXT,display_notification_status INTEGER DEFAULT 0,seen INTEGER DEFAULT 0,message_type "
    "INTEGER DEFAULT 0,session_id TEXT,content_type TEXT,hidden INTEGER DEFAULT 0,locked INTEGER "
    "DEFAULT 0,displayed_counter INTEGER DEFAULT 0,reserved INTEGER DEFAULT 0,imdn_message_id "
    "TEXT,rcsdb_id TEXT, user_alias TEXT,delivered_timestamp INTEGER DEFAULT 0,remote_uri "
    "TEXT,service_type INTEGER DEFAULT 0,sim_slot INTEGER DEFAULT 0,sim_imsi TEXT,recipients "
    "TEXT,sticker_id TEXT,delivered_count INTEGER DEFAULT 0,timedmsg_expiry INTEGER DEFAULT "
    "0,secret_mode INTEGER DEFAULT 0,ext_info TEXT,app_id INTEGER DEFAULT 0,msg_id INTEGER "
    "DEFAULT 0,secret_message INTEGER DEFAULT 0,mcloud_filename TEXT,favorite INTEGER DEFAULT "
    "0,using_mode INTEGER DEFAULT 0,updated_timestamp INTEGER DEFAULT 0,from_address TEXT,"
    "device_name TEXT,safe_message INTEGER DEFAULT 0,safe_image_path TEXT,spam_report INTEGER "
    "DEFAULT 0,creator TEXT,correlation_tag TEXT,object_id TEXT,cmc_prop TEXT,is_bot INTEGER "
    "DEFAULT 0)",
    "CREATE TABLE ft (_id INTEGER PRIMARY KEY AUTOINCREMENT,thread_id INTEGER,transaction_id "
    "INTEGER DEFAULT 0,bytes_transf INTEGER,file_name TEXT,file_path TEXT,file_size INTEGER "
    "DEFAULT 0,thumbnail_path TEXT,cancel_reason INTEGER,content_type TEXT,read INTEGER DEFAULT "
    "0,type INTEGER DEFAULT 0,address TEXT,date INTEGER,date_sent INTEGER,status INTEGER DEFAULT 0)",
]
ANDROID_CALLS = (
    "CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT,number TEXT,presentation INTEGER "
    "NOT NULL DEFAULT 1,post_dial_digits TEXT NOT NULL DEFAULT '',via_number TEXT NOT NULL "
    "DEFAULT '',date INTEGER,duration INTEGER,data_usage INTEGER,type INTEGER,features INTEGER "
    "NOT NULL DEFAULT 0,subscription_component_name TEXT,subscription_id "
    "TEXT,phone_account_address TEXT,phone_account_hidden INTEGER NOT NULL DEFAULT 0,sub_id "
    "INTEGER DEFAULT -1,new INTEGER,name TEXT,numbertype INTEGER,numberlabel TEXT,countryiso "
    "TEXT,voicemail_uri TEXT,is_read INTEGER,geocoded_location TEXT,lookup_uri "
    "TEXT,matched_number TEXT,normalized_number TEXT,photo_id INTEGER NOT NULL DEFAULT "
    "0,photo_uri TEXT,formatted_number TEXT,add_for_all_users INTEGER NOT NULL DEFAULT "
    "1,last_modified INTEGER DEFAULT 0,_data TEXT,has_content INTEGER,mime_type TEXT,source_data "
    "TEXT,source_package TEXT,transcription TEXT,transcription_state INTEGER NOT NULL DEFAULT "
    "0,state INTEGER,dirty INTEGER NOT NULL DEFAULT 0,deleted INTEGER NOT NULL DEFAULT "
    "0,backed_up INTEGER NOT NULL DEFAULT 0,restored INTEGER NOT NULL DEFAULT 0,archived INTEGER "
    "NOT NULL DEFAULT 0,is_omtp_voicemail INTEGER NOT NULL DEFAULT 0,conference_call_id INTEGER "
    "NOT NULL DEFAULT -1,indicate_phone_or_sim_contact INTEGER NOT NULL DEFAULT -1,is_sdn_contact "
    "INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE android_metadata (locale TEXT)",
)
# The calls table inside an Android 4 contacts2.db (plaso's test image).
ANDROID_OLD_CALLS = "CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT,number TEXT,date INTEGER,duration INTEGER,type INTEGER,new INTEGER,name TEXT,numbertype INTEGER,numberlabel TEXT,countryiso TEXT,voicemail_uri TEXT,is_read INTEGER,geocoded_location TEXT,lookup_uri TEXT,matched_number TEXT,normalized_number TEXT,photo_id INTEGER NOT NULL DEFAULT 0,formatted_number TEXT,_data TEXT,has_content INTEGER,mime_type TEXT,source_data TEXT,source_package TEXT,state INTEGER)"
ANDROID_CONTACTS = [
    "CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT,account_name TEXT, account_type "
    "TEXT, data_set TEXT)",
    "CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT,account_id INTEGER "
    "REFERENCES accounts(_id),sourceid TEXT,raw_contact_is_read_only INTEGER NOT NULL DEFAULT "
    "0,version INTEGER NOT NULL DEFAULT 1,dirty INTEGER NOT NULL DEFAULT 0,deleted INTEGER NOT "
    "NULL DEFAULT 0,contact_id INTEGER REFERENCES contacts(_id),aggregation_mode INTEGER NOT NULL "
    "DEFAULT 0,aggregation_needed INTEGER NOT NULL DEFAULT 1,custom_ringtone "
    "TEXT,send_to_voicemail INTEGER NOT NULL DEFAULT 0,times_contacted INTEGER NOT NULL DEFAULT "
    "0,last_time_contacted INTEGER,starred INTEGER NOT NULL DEFAULT 0,display_name "
    "TEXT,display_name_alt TEXT,display_name_source INTEGER NOT NULL DEFAULT 0,phonetic_name "
    "TEXT,phonetic_name_style TEXT,sort_key TEXT COLLATE PHONEBOOK,sort_key_alt TEXT COLLATE "
    "PHONEBOOK,name_verified INTEGER NOT NULL DEFAULT 0,sync1 TEXT, sync2 TEXT, sync3 TEXT, sync4 "
    "TEXT )",
    "CREATE INDEX raw_contact_sort_key1_index ON raw_contacts (sort_key)",
    "CREATE TABLE mimetypes (_id INTEGER PRIMARY KEY AUTOINCREMENT,mimetype TEXT NOT NULL)",
    "CREATE TABLE data (_id INTEGER PRIMARY KEY AUTOINCREMENT,package_id INTEGER REFERENCES "
    "package(_id),mimetype_id INTEGER REFERENCES mimetype(_id) NOT NULL,raw_contact_id INTEGER "
    "REFERENCES raw_contacts(_id) NOT NULL,is_read_only INTEGER NOT NULL DEFAULT 0,is_primary "
    "INTEGER NOT NULL DEFAULT 0,is_super_primary INTEGER NOT NULL DEFAULT 0,data_version INTEGER "
    "NOT NULL DEFAULT 0,data1 TEXT,data2 TEXT,data3 TEXT,data4 TEXT,data5 TEXT,data6 TEXT,data7 "
    "TEXT,data8 TEXT,data9 TEXT,data10 TEXT,data11 TEXT,data12 TEXT,data13 TEXT,data14 "
    "TEXT,data15 TEXT,data_sync1 TEXT, data_sync2 TEXT, data_sync3 TEXT, data_sync4 TEXT )",
]
MIMETYPES = {
    "name": "vnd.android.cursor.item/name",
    "phone": "vnd.android.cursor.item/phone_v2",
    "email": "vnd.android.cursor.item/email_v2",
    "organization": "vnd.android.cursor.item/organization",
    "note": "vnd.android.cursor.item/note",
    "photo": "vnd.android.cursor.item/photo",
}

# ---- Apple (message and handle as in mvt's iOS backup; chat tables as in plaso's chat.db) ---
APPLE_MESSAGE = "CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER, is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0, is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0, is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0, is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0, is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT, was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0, is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0, group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0, share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0, message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0)"
APPLE_MESSAGES = [
    APPLE_MESSAGE,
    "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, "
    "country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE "
    "(id, service) )",
    "CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style "
    "INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name "
    "TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0, "
    "last_addressed_handle TEXT, display_name TEXT, group_id TEXT, is_filtered INTEGER, "
    "successful_query INTEGER)",
    "CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, "
    "message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, PRIMARY KEY (chat_id, "
    "message_id))",
    "CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, "
    "handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id))",
    "CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, "
    "created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, "
    "mime_type TEXT, transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info "
    "BLOB, transfer_name TEXT, total_bytes INTEGER DEFAULT 0)",
    "CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON "
    "DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, "
    "UNIQUE(message_id, attachment_id))",
    "CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key))",
]
# iOS 5 and older.
APPLE_LEGACY_MESSAGES = [
    "CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT, date INTEGER, "
    "text TEXT, flags INTEGER, replace INTEGER, svc_center TEXT, group_id INTEGER, association_id "
    "INTEGER, height INTEGER, UIFlags INTEGER, version INTEGER, subject TEXT, country TEXT, "
    "headers BLOB, recipients BLOB, read INTEGER, madrid_attributedBody BLOB, madrid_handle TEXT, "
    "madrid_version INTEGER, madrid_guid TEXT, madrid_type INTEGER, madrid_roomname TEXT, "
    "madrid_service TEXT, madrid_account TEXT, madrid_account_guid TEXT, madrid_flags INTEGER, "
    "madrid_attachmentInfo BLOB, madrid_url TEXT, madrid_error INTEGER, is_madrid INTEGER, "
    "madrid_date_read INTEGER, madrid_date_delivered INTEGER)",
    "CREATE TABLE msg_group (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, type INTEGER, "
    "newest_message INTEGER, unread_count INTEGER, hash INTEGER)",
    "CREATE TABLE group_member (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER, "
    "address TEXT, country TEXT)",
    "CREATE TABLE msg_pieces (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, message_id INTEGER, data "
    "BLOB, part_id INTEGER, preview_part INTEGER, content_type TEXT, height INTEGER, version "
    "INTEGER, flags INTEGER, content_id TEXT, content_loc TEXT, headers BLOB)",
]
CALL_HISTORY = [
    "CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED "
    "INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA INTEGER, "
    "ZNUMBER_AVAILABILITY INTEGER, ZORIGINATED INTEGER, ZREAD INTEGER, ZDATE TIMESTAMP, ZDURATION "
    "FLOAT, ZADDRESS VARCHAR, ZDEVICE_ID VARCHAR, ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR, "
    "ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR, ZUNIQUE_ID VARCHAR )",
    "CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX "
    "INTEGER)",
    "CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB)",
]
CALL_HISTORY_LEGACY = [
    "CREATE TABLE call (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT, date INTEGER, "
    "duration INTEGER, flags INTEGER, id INTEGER, name TEXT, country_code TEXT, network_code "
    "TEXT, read INTEGER, assisted INTEGER, face_time_data BLOB, originalAddress TEXT)",
    "CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key))",
]
ADDRESS_BOOK = [
    "CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, "
    "Middle TEXT, FirstPhonetic TEXT, MiddlePhonetic TEXT, LastPhonetic TEXT, Organization TEXT, "
    "Department TEXT, Note TEXT, Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, "
    "Prefix TEXT, Suffix TEXT, FirstSort TEXT, LastSort TEXT, CreationDate INTEGER, "
    "ModificationDate INTEGER, CompositeNameFallback TEXT, ExternalIdentifier TEXT, "
    "ExternalModificationTag TEXT, ExternalUUID TEXT, StoreID INTEGER, DisplayName TEXT, "
    "ExternalRepresentation BLOB, FirstSortSection TEXT, LastSortSection TEXT, "
    "FirstSortLanguageIndex INTEGER DEFAULT 2147483647, LastSortLanguageIndex INTEGER DEFAULT "
    "2147483647, PersonLink INTEGER DEFAULT -1, ImageURI TEXT, IsPreferredName INTEGER DEFAULT 1, "
    "guid TEXT, PhonemeData TEXT)",
    "CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, "
    "identifier INTEGER, label INTEGER, value TEXT, guid TEXT)",
    "CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value))",
    # Apple's own tokenizer (made real below, so querying the table fails as on a Mac).
    "CREATE VIRTUAL TABLE ABPersonFullTextSearch USING fts4(tokenize=simple, First, Last, "
    "Organization, Phone, Email)",
]
APPLE_TOKENIZER_DDL = 'CREATE VIRTUAL TABLE ABPersonFullTextSearch USING fts4(tokenize=ab_cf_tokenizer language="en-US" collator="en-US@collation=search", First, Last, Organization, Phone, Email)'


# ---- writing ---------------------------------------------------------------------------------
# One row of a table, column name -> value (rows of one table need not name the same columns).
Row = dict[str, Any]


def insert(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    for row in rows:
        names = ", ".join(row)
        marks = ", ".join("?" * len(row))
        conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def build(
    path: Path,
    ddl: Sequence[str],
    rows: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    rows_in_wal: bool = False,
    after: Sequence[str] = (),
) -> Path:
    """A database at `path`. With `rows_in_wal`, the schema sits in the main file and every row
    only in `path`-wal (as on a phone that was seized before a checkpoint)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    work = path.with_name(path.name + ".building")
    conn = sqlite3.connect(work, isolation_level=None)
    for collation in ("PHONEBOOK", "LOCALIZED"):  # Android's own; absent elsewhere
        conn.create_collation(collation, lambda a, b: (a > b) - (a < b))
    try:
        if rows_in_wal:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA wal_autocheckpoint=0")
        for statement in ddl:
            conn.execute(statement)
        if rows_in_wal:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("BEGIN")
        for table, table_rows in rows.items():
            insert(conn, table, table_rows)
        conn.execute("COMMIT")
        for statement in after:
            _raw_schema_edit(conn, statement)
        if rows_in_wal:
            # Copy while the connection is open: closing would checkpoint the rows away.
            for suffix in ("", "-wal", "-shm"):
                shutil.copyfile(f"{work}{suffix}", f"{path}{suffix}")
    finally:
        conn.close()
    if not rows_in_wal:
        work.rename(path)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    return path


def wreck_table(path: Path, table: str) -> Path:
    """Random bytes over a table's root page: SQLite finds it malformed when it reads it."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        (page,) = root.fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes(range(256)) * (size // 256))
    return path


def _raw_schema_edit(conn: sqlite3.Connection, statement: str) -> None:
    """Replace a table's definition in sqlite_master (to give a virtual table a tokenizer
    that exists only on Apple's devices)."""
    name = statement.split("TABLE", 1)[1].split(maxsplit=1)[0]
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (statement, name))
    conn.execute("PRAGMA writable_schema=OFF")


# ---- values as devices write them ----------------------------------------------------------------
def unix_ms(moment: datetime) -> int:
    return int((moment - UNIX_EPOCH).total_seconds() * 1000)


def unix_s(moment: datetime) -> int:
    return int((moment - UNIX_EPOCH).total_seconds())


def mac_s(moment: datetime) -> int:
    return int((moment - MAC_EPOCH).total_seconds())


def mac_ns(moment: datetime) -> int:
    return mac_s(moment) * 1_000_000_000


def typedstream(text: str) -> bytes:
    """An NSAttributedString archived the way Messages stores attributedBody."""
    data = text.encode("utf-8")
    length = bytes([len(data)]) if len(data) < 0x80 else b"\x81" + len(data).to_bytes(2, "little")
    return (
        b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00"
        b"\x84\x84\x08NSObject\x00\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+"
        + length
        + data
        + b"\x86\x84\x02iI\x01\x05\x92\x84\x84\x84\x0cNSDictionary\x00\x94\x84\x01i\x01\x92"
        b"\x84\x96\x96\x1d__kIMMessagePartAttributeName\x86\x92\x84\x84\x84\x08NSNumber\x00"
        b"\x84\x84\x07NSValue\x00\x94\x84\x01*\x84\x99\x99\x00\x86\x86\x86"
    )
