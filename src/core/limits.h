/* limits — every size, count and time limit of daam, named once (as curl
 * names its own in one place).  A limit a person or a client can run into
 * is here, with its unit in its name (_BYTES, _CHARS, _S); the code that
 * enforces it uses the name, never the number.  Internal capacities that
 * no input can reach (array sizes of a parser's state) stay with their code.
 *
 * Changing one: most tests that check a limit read it from here too; some
 * HTTP tests state the number they expect from outside (test_malformed.c:
 * 16 KiB of headers, 1 MiB of body, 256 KiB of form; test_import.c: 32 MiB),
 * so a change shows there. */
#ifndef DAAM_LIMITS_H
#define DAAM_LIMITS_H

/* ---- HTTP: what a request may hold (src/http/) ---- */

/* The body of an upload (a route with ROUTE_UPLOAD: POST /import).  It is
 * also evhttp's own body limit, since evhttp has one for all routes. */
#define LIMIT_UPLOAD_BYTES ((size_t)32 * 1024 * 1024)
/* The body of any other request: the connection guard refuses a larger one
 * (413) before it is all in memory. */
#define LIMIT_BODY_BYTES ((size_t)1024 * 1024)
/* An urlencoded form (read_form in dispatch.c): 413 past it. */
#define LIMIT_FORM_BYTES ((size_t)256 * 1024)
/* The request line and the header lines, CRLFs included: 414 while the
 * request line is read, 431 after. */
#define LIMIT_HEAD_BYTES ((size_t)16 * 1024)
/* The path of a request, before decoding: 400 past it. */
#define LIMIT_PATH_BYTES 2048
/* The page to come back to after signing in or switching the language
 * ("next": a local path with its query), in characters: longer ones come
 * back to the path alone. */
#define LIMIT_NEXT_CHARS 1024
/* Multipart bodies: parts, the header block of one part, a part that is
 * not a file (files may fill the whole body). */
#define LIMIT_FORM_PARTS 16
#define LIMIT_PART_HEAD_BYTES 8192
#define LIMIT_FIELD_BYTES ((size_t)64 * 1024)
/* Cookies read from one request (more are ignored). */
#define LIMIT_COOKIES 16

/* ---- HTTP: time and connections (src/http/server.c) ---- */

/* Reading or writing may pause this long (evhttp's timeout, which restarts
 * on every byte). */
#define LIMIT_IDLE_S 20
/* A request must arrive whole within this, however it trickles. */
#define LIMIT_DEADLINE_S 30
/* Connections at once, per event loop (one loop per core). */
#define LIMIT_CONNS 4096
/* Connections one client address may hold open per loop: far above what a
 * browser opens (6 per host), enough for an office of users behind one NAT
 * address, far below LIMIT_CONNS so one client cannot take them all. */
#define LIMIT_CONNS_PER_ADDR 256
/* Event loops at most, whatever the number of cores. */
#define LIMIT_LOOPS 64
/* After a refused request's answer, what the client still sends is read
 * and dropped this long, so that it reads the answer, not a reset. */
#define LIMIT_LINGER_MS 2000
/* On SIGTERM, requests in flight may finish within this. */
#define LIMIT_STOP_GRACE_S 5

/* ---- memory for one request (src/http/dispatch.c) ---- */

/* The page (or export) one response may hold. */
#define LIMIT_RESPONSE_BYTES ((size_t)32 << 20)
/* What one request may allocate in its arena. */
#define LIMIT_REQUEST_MEMORY_BYTES ((size_t)64 << 20)

/* ---- accounts and sessions (src/auth/) ---- */

#define LIMIT_SESSION_IDLE_S (30 * 60)    /* a session unused this long ends */
#define LIMIT_SESSION_MAX_S (12 * 3600)   /* and any session after this */
/* Failed sign-ins within LIMIT_SIGNIN_WINDOW_S: per account, per address. */
#define LIMIT_SIGNIN_WINDOW_S 900
#define LIMIT_SIGNIN_FAILS_ACCOUNT 5
#define LIMIT_SIGNIN_FAILS_ADDRESS 20
/* The second factor (src/auth/totp.c, mfa.c): the step between the right
 * password and the code lives this long, and takes this many wrong codes
 * before the password must be given again; an enrolment begun and not
 * confirmed is forgotten after LIMIT_MFA_ENROL_S. */
#define LIMIT_MFA_PENDING_S 300
#define LIMIT_MFA_PENDING_TRIES 5
#define LIMIT_MFA_ENROL_S 900
/* What a code field takes: six digits or a recovery code, with spaces and
 * dashes (in characters). */
#define LIMIT_MFA_CODE_CHARS 32
/* A new password, in characters (ASVS: 8 at least, 64 at least allowed). */
#define LIMIT_PASSWORD_MIN_CHARS 8
#define LIMIT_PASSWORD_MAX_CHARS 128
/* Password hashing (argon2id): memory per hash, hashes at once. */
#define LIMIT_HASH_MEMORY_BYTES ((size_t)19 * 1024 * 1024)
#define LIMIT_HASHES_AT_ONCE 2

/* ---- texts people type, in characters ---- */

#define LIMIT_USER_NAME_CHARS 32          /* a sign-in name */
#define LIMIT_DISPLAY_NAME_CHARS 100
#define LIMIT_PERSON_NAME_CHARS 200       /* a person's name, Arabic or Latin */
#define LIMIT_ORG_NAME_CHARS 200          /* an organization's name, Arabic or English */
#define LIMIT_VOCAB_NAME_CHARS 100        /* the name of an office, place or sector */
#define LIMIT_COMMUNITY_CHARS 200         /* a community (import) */
#define LIMIT_ROLE_CHARS 100              /* a person's role in an organization */
#define LIMIT_REG_NUMBER_CHARS 60         /* an organization's registration number */
#define LIMIT_PHONE_CHARS 40              /* a phone number as typed */
#define LIMIT_EMAIL_CHARS 120
#define LIMIT_QUERY_CHARS 200             /* a search */

/* ---- years and dates ---- */

/* Birth years are from LIMIT_BIRTH_YEAR_MIN to the current year, read when
 * a year is checked (date_this_year(), in Syria's time), so that no fixed
 * year goes out of date.  A parameter table cannot call a function: there
 * the maximum is written LIMIT_BIRTH_YEAR_MAX (0), which a PT_YEAR
 * parameter reads as "the current year" (router.h). */
#define LIMIT_BIRTH_YEAR_MIN 1900
#define LIMIT_BIRTH_YEAR_MAX 0
/* Dates typed as YYYY-MM-DD (date_parse_iso). */
#define LIMIT_DATE_YEAR_MIN 1900
#define LIMIT_DATE_YEAR_MAX 2200

/* ---- imports (src/registry/import*.c) ---- */

/* A file imported from the command line (the web takes LIMIT_UPLOAD_BYTES). */
#define LIMIT_IMPORT_FILE_BYTES ((size_t)256 << 20)
#define LIMIT_IMPORT_ROWS 1000000
#define LIMIT_IMPORT_COLUMNS 64
/* Problems and warnings recorded for one file (the rest are counted). */
#define LIMIT_IMPORT_ISSUES 100000
/* An uploaded file waits this long for its review, and a user keeps at
 * most LIMIT_IMPORT_PENDING of them. */
#define LIMIT_IMPORT_KEEP_S (24 * 3600)
#define LIMIT_IMPORT_PENDING 10
/* The report page shows this many problems, each value cut at this many
 * characters. */
#define LIMIT_IMPORT_REPORT_ROWS 300
#define LIMIT_IMPORT_SHOWN_CHARS 120
/* Values naming several places asked about on one review page (import). */
#define LIMIT_IMPORT_PLACE_ASKS 40
/* The row numbers of rows left out of an import, listed in its audit
 * entry up to about this many bytes (then "…"; the count is always there). */
#define LIMIT_IMPORT_AUDIT_ROWS_BYTES 8192
/* An Excel workbook (src/core/xlsx.c): each part of the zip is read up to
 * this many bytes once unpacked (a zip bomb stops there; the sheet is
 * streamed, never held whole), at most this many sheets, shared strings
 * (their count and their text in all) and bytes in one cell (Excel's own
 * maximum is 32,767 characters); the table made of a sheet holds at most
 * LIMIT_XLSX_TEXT_BYTES of cell text. */
#define LIMIT_XLSX_PART_BYTES ((unsigned long long)512 << 20)
#define LIMIT_XLSX_SHEETS 256
#define LIMIT_XLSX_STRINGS 4000000
#define LIMIT_XLSX_STRINGS_BYTES ((size_t)128 << 20)
#define LIMIT_XLSX_CELL_BYTES (32767 * 4)
#define LIMIT_XLSX_TEXT_BYTES ((size_t)256 << 20)

/* ---- lists and searches ---- */

/* Lists and searches count matches up to this, then show "1000+": the
 * counting query stops at one more (in SQL: " LIMIT " LIMIT_STR(…) " + 1"). */
#define LIMIT_LIST_COUNT 1000
/* Rows of a list a page (organizations, people, the audit log), and pairs
 * a page of the duplicates review (each pair shows two records). */
#define LIMIT_PAGE_ROWS 50
#define LIMIT_PAGE_PAIRS 30
/* Words of a search that are looked up. */
#define LIMIT_SEARCH_WORDS 6
/* Places in the places vocabulary (the official list of Syria has some
 * 8,000 communities), aliases of one place, and cells of the official list. */
#define LIMIT_PLACES 20000
/* Places a chooser lists in full; past it (the official list loaded: a few
 * thousand communities) it lists governorates, districts and subdistricts
 * and asks the community by name (place_select.c): a list page listed all
 * 12,000 places of a test list in every view (+10 ms, +150 KB). */
#define LIMIT_PLACE_OPTIONS 400
#define LIMIT_PLACE_ALIASES 30
#define LIMIT_PLACE_IMPORT_CELL_CHARS 200

/* ---- incubation (src/incubation) ---- */

/* Text of a cohort's name, a criterion's or an action's text, an
 * indicator's texts, an evidence note, a decision's or a correction's
 * reason, an action's owner. */
#define LIMIT_COHORT_NAME_CHARS 120
#define LIMIT_INCUB_TEXT_CHARS 400
#define LIMIT_EVIDENCE_CHARS 2000
#define LIMIT_REASON_CHARS 1000
#define LIMIT_OWNER_CHARS 120
/* Indicators of one framework version, facilitators of a cohort, selection
 * criteria, actions a plan generates at most. */
#define LIMIT_FW_INDICATORS 120
#define LIMIT_COHORT_FACILITATORS 12
#define LIMIT_CRITERIA 20
#define LIMIT_PLAN_ACTIONS 200
/* An evidence file (a photo or a scan: JPEG, PNG, WebP or PDF) and the
 * files of one assessment. */
#define LIMIT_EVIDENCE_FILE_BYTES ((size_t)8 * 1024 * 1024)
#define LIMIT_EVIDENCE_FILES 40

/* A limit as text, for fixed SQL: LIMIT_STR(LIMIT_LIST_COUNT) is "1000". */
#define LIMIT_STR_(x) #x
#define LIMIT_STR(x) LIMIT_STR_(x)
/* Activities (src/activities/): an activity's title and its other texts
 * (room, facilitators, target group), its places, the id a phone gives an
 * attendance mark it queues offline, a certificate's verification code. */
#define LIMIT_ACT_TITLE_CHARS 200
#define LIMIT_ACT_TEXT_CHARS 300
#define LIMIT_ACT_CAPACITY 10000
#define LIMIT_MARK_ID_CHARS 64
#define LIMIT_CERT_CODE_CHARS 32

/* Workspace (src/workspace/): a room's or an item's name, a booking's
 * purpose and a refusal's reason, the public requester's name and
 * initiative, the people a room holds, the occurrences of one recurring
 * booking, the monthly quota of hours, the public form's requests per
 * client address (in LIMIT_SIGNIN_WINDOW_S), a day's bookings shown. */
#define LIMIT_WS_NAME_CHARS 120
#define LIMIT_WS_TEXT_CHARS 500
#define LIMIT_WS_PEOPLE 2000
#define LIMIT_WS_OCCURRENCES 104
#define LIMIT_WS_QUOTA_HOURS 744
#define LIMIT_WS_PUBLIC_PER_ADDRESS 5
#define LIMIT_WS_EQUIPMENT 20
/* how many of one item a booking may ask for (the chooser lists at most this many) */
#define LIMIT_WS_ITEM_COUNT 50

#endif
