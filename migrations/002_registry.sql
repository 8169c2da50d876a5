-- 002 partners registry: places, sectors, organizations completed, people,
-- phones, memberships, search index, duplicate decisions, merges, API tokens.
-- daam never stores ethnicity, religion, sect or tribe (tests read the schema).

-- Governorate (1) › district (2) › subdistrict (3) › community (4).
CREATE TABLE places (
	id          INTEGER PRIMARY KEY,
	parent_id   INTEGER REFERENCES places(id),
	level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
	name_ar     TEXT NOT NULL,
	name_en     TEXT NOT NULL,
	pcode       TEXT UNIQUE             -- OCHA p-code, only where known for certain
);
CREATE INDEX places_parent ON places(parent_id);

CREATE TABLE sectors (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name_ar     TEXT NOT NULL,
	name_en     TEXT NOT NULL
);

ALTER TABLE orgs ADD COLUMN kind TEXT NOT NULL DEFAULT 'organization';
ALTER TABLE orgs ADD COLUMN reg_status TEXT NOT NULL DEFAULT 'unregistered';
ALTER TABLE orgs ADD COLUMN reg_number TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN reg_date TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN founded TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN stage TEXT NOT NULL DEFAULT 'applicant';
ALTER TABLE orgs ADD COLUMN maturity TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN place_id INTEGER REFERENCES places(id);
ALTER TABLE orgs ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN name_folded TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX orgs_office ON orgs(office_id);
CREATE INDEX orgs_stage ON orgs(stage);

CREATE TABLE org_sectors (
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	sector_id   INTEGER NOT NULL REFERENCES sectors(id),
	PRIMARY KEY (org_id, sector_id)
);
CREATE TABLE org_areas (
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	place_id    INTEGER NOT NULL REFERENCES places(id),
	PRIMARY KEY (org_id, place_id)
);

CREATE TABLE people (
	id              INTEGER PRIMARY KEY,
	name_ar         TEXT NOT NULL,
	name_latin      TEXT NOT NULL DEFAULT '',
	name_folded     TEXT NOT NULL DEFAULT '',
	name_key        TEXT NOT NULL DEFAULT '',   -- cross-script phonetic key
	gender          TEXT NOT NULL DEFAULT '',   -- 'f', 'm' or '' (not said)
	birth_year      INTEGER,
	place_id        INTEGER REFERENCES places(id),
	displacement    TEXT NOT NULL DEFAULT '',   -- resident, displaced, returnee
	disability      INTEGER NOT NULL DEFAULT 0, -- for disaggregation only
	education       TEXT NOT NULL DEFAULT '',
	office_id       INTEGER REFERENCES offices(id),
	consent_date    TEXT NOT NULL DEFAULT '',
	consent_purpose TEXT NOT NULL DEFAULT '',
	consent_by      INTEGER REFERENCES users(id),
	merged_into     INTEGER REFERENCES people(id),
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL
);
CREATE INDEX people_key ON people(name_key);
CREATE INDEX people_office ON people(office_id);
CREATE INDEX people_merged ON people(merged_into);

CREATE TABLE person_phones (
	id          INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
	phone       TEXT NOT NULL,
	phone_norm  TEXT NOT NULL
);
CREATE INDEX person_phones_norm ON person_phones(phone_norm);
CREATE INDEX person_phones_person ON person_phones(person_id);

CREATE TABLE memberships (
	id          INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL REFERENCES people(id),
	org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	role        TEXT NOT NULL DEFAULT '',
	start_date  TEXT NOT NULL DEFAULT '',
	end_date    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX memberships_person ON memberships(person_id);
CREATE INDEX memberships_org ON memberships(org_id);

-- Pairs a person judged "not the same"; merges with what the merged record was.
CREATE TABLE dup_decisions (
	a           INTEGER NOT NULL REFERENCES people(id),
	b           INTEGER NOT NULL REFERENCES people(id),
	user_id     INTEGER REFERENCES users(id),
	at          INTEGER NOT NULL,
	PRIMARY KEY (a, b)
);
CREATE TABLE person_merges (
	id          INTEGER PRIMARY KEY,
	kept_id     INTEGER NOT NULL REFERENCES people(id),
	merged_id   INTEGER NOT NULL REFERENCES people(id),
	user_id     INTEGER REFERENCES users(id),
	at          INTEGER NOT NULL,
	score       REAL NOT NULL DEFAULT 0,
	reason      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE api_tokens (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	token_hash  BLOB NOT NULL UNIQUE,
	label       TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	revoked_at  INTEGER
);

-- Full-text search over folded names and phonetic keys (SQLite FTS5; a
-- PostgreSQL backend would use pg_trgm).  rowid = the person's / org's id.
-- Two tables, so a name common among people does not slow the search of
-- organizations.
CREATE VIRTUAL TABLE person_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');
CREATE VIRTUAL TABLE org_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');

INSERT INTO sectors (code, name_ar, name_en) VALUES
	('education', 'التعليم', 'Education'),
	('health', 'الصحة', 'Health'),
	('protection', 'الحماية', 'Protection'),
	('livelihoods', 'سبل العيش', 'Livelihoods'),
	('relief', 'الإغاثة', 'Relief'),
	('wash', 'المياه والصرف الصحي', 'Water and sanitation'),
	('women', 'المرأة', 'Women'),
	('youth', 'الشباب', 'Youth'),
	('children', 'الأطفال', 'Children'),
	('culture', 'الثقافة', 'Culture'),
	('environment', 'البيئة', 'Environment'),
	('peace', 'السلم الأهلي', 'Social cohesion'),
	('governance', 'الحوكمة والمشاركة', 'Governance and participation');

-- Places: the governorates with their OCHA p-codes (SY09, SY11); districts,
-- subdistricts and communities by name only (p-codes not recorded where not
-- known for certain; admins add and rename more).
INSERT INTO places (id, parent_id, level, name_ar, name_en, pcode) VALUES
	(1, NULL, 1, 'الرقة', 'Ar-Raqqa', 'SY11'),
	(2, NULL, 1, 'دير الزور', 'Deir-ez-Zor', 'SY09'),
	(10, 1, 2, 'منطقة الرقة', 'Ar-Raqqa district', NULL),
	(11, 1, 2, 'منطقة الطبقة (الثورة)', 'Ath-Thawrah (Tabqa) district', NULL),
	(12, 1, 2, 'منطقة تل أبيض', 'Tell Abiad district', NULL),
	(20, 2, 2, 'منطقة دير الزور', 'Deir-ez-Zor district', NULL),
	(21, 2, 2, 'منطقة الميادين', 'Al Mayadin district', NULL),
	(22, 2, 2, 'منطقة البوكمال', 'Abu Kamal district', NULL),
	(100, 10, 3, 'مركز الرقة', 'Ar-Raqqa subdistrict', NULL),
	(101, 10, 3, 'الكرامة', 'Al-Karama', NULL),
	(102, 10, 3, 'السبخة', 'As-Sabkha', NULL),
	(103, 10, 3, 'معدان', 'Maadan', NULL),
	(110, 11, 3, 'الطبقة', 'Ath-Thawrah (Tabqa)', NULL),
	(111, 11, 3, 'المنصورة', 'Al-Mansura', NULL),
	(112, 11, 3, 'الجرنية', 'Al-Jarniyah', NULL),
	(120, 12, 3, 'تل أبيض', 'Tell Abiad', NULL),
	(121, 12, 3, 'سلوك', 'Suluk', NULL),
	(122, 12, 3, 'عين عيسى', 'Ein Issa', NULL),
	(200, 20, 3, 'مركز دير الزور', 'Deir-ez-Zor subdistrict', NULL),
	(201, 20, 3, 'البصيرة', 'Al-Busayrah', NULL),
	(202, 20, 3, 'الكسرة', 'Kisreh', NULL),
	(203, 20, 3, 'خشام', 'Khasham', NULL),
	(204, 20, 3, 'التبني', 'At-Tabni', NULL),
	(210, 21, 3, 'الميادين', 'Al Mayadin', NULL),
	(211, 21, 3, 'ذيبان', 'Thiban', NULL),
	(212, 21, 3, 'العشارة', 'Al-Ashara', NULL),
	(220, 22, 3, 'البوكمال', 'Abu Kamal', NULL),
	(221, 22, 3, 'هجين', 'Hajin', NULL),
	(222, 22, 3, 'السوسة', 'As-Susah', NULL),
	(1000, 100, 4, 'مدينة الرقة', 'Raqqa city', NULL),
	(1001, 100, 4, 'حزيمة', 'Hazima', NULL),
	(1002, 101, 4, 'الكرامة', 'Al-Karama town', NULL),
	(1003, 102, 4, 'السبخة', 'As-Sabkha town', NULL),
	(1004, 103, 4, 'معدان', 'Maadan town', NULL),
	(1005, 100, 4, 'رطلة', 'Ratla', NULL),
	(1006, 100, 4, 'الكسرات', 'Al-Kasrat', NULL),
	(1010, 110, 4, 'مدينة الطبقة', 'Tabqa city', NULL),
	(1011, 110, 4, 'الصفصافة', 'As-Safsafa', NULL),
	(1012, 111, 4, 'المنصورة', 'Al-Mansura town', NULL),
	(1013, 112, 4, 'الجرنية', 'Al-Jarniyah town', NULL),
	(1020, 120, 4, 'تل أبيض', 'Tell Abiad town', NULL),
	(1021, 121, 4, 'سلوك', 'Suluk town', NULL),
	(1022, 121, 4, 'حمام التركمان', 'Hammam at-Turkman', NULL),
	(1023, 122, 4, 'عين عيسى', 'Ein Issa town', NULL),
	(1024, 122, 4, 'الهيشة', 'Al-Hisha', NULL),
	(2000, 200, 4, 'مدينة دير الزور', 'Deir-ez-Zor city', NULL),
	(2001, 201, 4, 'البصيرة', 'Al-Busayrah town', NULL),
	(2002, 201, 4, 'الشحيل', 'Ash-Shuhayl', NULL),
	(2003, 202, 4, 'الكسرة', 'Kisreh town', NULL),
	(2004, 203, 4, 'خشام', 'Khasham town', NULL),
	(2005, 204, 4, 'الصور', 'As-Sur', NULL),
	(2010, 211, 4, 'ذيبان', 'Thiban town', NULL),
	(2011, 211, 4, 'الحوايج', 'Al-Hawayij', NULL),
	(2012, 212, 4, 'الطيانة', 'At-Tayyana', NULL),
	(2020, 221, 4, 'هجين', 'Hajin town', NULL),
	(2021, 221, 4, 'الشعفة', 'Ash-Shafa', NULL),
	(2022, 222, 4, 'السوسة', 'As-Susah town', NULL),
	(2023, 222, 4, 'الباغوز', 'Al-Baghuz', NULL),
	(2024, 221, 4, 'غرانيج', 'Gharanij', NULL),
	(2025, 201, 4, 'أبو حمام', 'Abu Hamam', NULL);
