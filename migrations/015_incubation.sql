-- 015 incubation (issue 10): cohorts and their selection, the assessment
-- framework (versioned), assessments baseline/midline/endline with their
-- scores, the capacity-building plans and what delivered their actions.
-- Selection criteria are need-based: daam never stores ethnicity, religion,
-- sect or tribe (tests read the schema; the criteria form refuses them).

-- The framework: each admin change makes a new version; an assessment keeps
-- the version it was made with (its indicators are rows of that version).
CREATE TABLE frameworks (
	id          INTEGER PRIMARY KEY,
	version     INTEGER NOT NULL UNIQUE,
	note        TEXT NOT NULL DEFAULT '',
	created_by  INTEGER REFERENCES users(id),
	created_at  INTEGER NOT NULL
);
CREATE TABLE fw_indicators (
	id           INTEGER PRIMARY KEY,
	framework_id INTEGER NOT NULL REFERENCES frameworks(id),
	dimension    TEXT NOT NULL CHECK (dimension IN ('principles','planning','knowledge','context','advocacy',
	                                    'networking','influence','funding','volunteering','governance')),
	position     INTEGER NOT NULL,
	text_ar      TEXT NOT NULL,
	text_en      TEXT NOT NULL,
	l1_ar TEXT NOT NULL, l1_en TEXT NOT NULL,
	l2_ar TEXT NOT NULL, l2_en TEXT NOT NULL,
	l3_ar TEXT NOT NULL, l3_en TEXT NOT NULL,
	l4_ar TEXT NOT NULL, l4_en TEXT NOT NULL
);
CREATE INDEX fw_indicators_framework ON fw_indicators(framework_id, dimension, position);

CREATE TABLE cohorts (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	office_id   INTEGER NOT NULL REFERENCES offices(id),
	start_date  TEXT NOT NULL,
	end_date    TEXT NOT NULL,
	status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','open','running','closed')),
	created_by  INTEGER REFERENCES users(id),
	created_at  INTEGER NOT NULL
);
CREATE INDEX cohorts_office ON cohorts(office_id, start_date);
CREATE TABLE cohort_facilitators (
	cohort_id   INTEGER NOT NULL REFERENCES cohorts(id),
	user_id     INTEGER NOT NULL REFERENCES users(id),
	PRIMARY KEY (cohort_id, user_id)
);

-- Need-based selection criteria, weighted; staff edit them.
CREATE TABLE selection_criteria (
	id          INTEGER PRIMARY KEY,
	name_ar     TEXT NOT NULL,
	name_en     TEXT NOT NULL,
	weight      INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 10),
	active      INTEGER NOT NULL DEFAULT 1,
	position    INTEGER NOT NULL DEFAULT 0
);
-- An organization applying to a cohort: scored, decided with a reason,
-- enrolled, graduated.
CREATE TABLE candidates (
	id          INTEGER PRIMARY KEY,
	cohort_id   INTEGER NOT NULL REFERENCES cohorts(id),
	org_id      INTEGER NOT NULL REFERENCES orgs(id),
	status      TEXT NOT NULL DEFAULT 'applied'
	            CHECK (status IN ('applied','accepted','rejected','enrolled','graduated')),
	score       REAL,                       -- weighted need score 0–100, NULL until scored
	reason      TEXT NOT NULL DEFAULT '',   -- the decision's written reason
	decided_by  INTEGER REFERENCES users(id),
	decided_at  INTEGER,
	graduated_at INTEGER,
	created_at  INTEGER NOT NULL,
	UNIQUE (cohort_id, org_id)
);
CREATE INDEX candidates_org ON candidates(org_id);
CREATE TABLE candidate_scores (
	candidate_id INTEGER NOT NULL REFERENCES candidates(id),
	criterion_id INTEGER NOT NULL REFERENCES selection_criteria(id),
	score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	PRIMARY KEY (candidate_id, criterion_id)
);

-- Assessments: a draft over several visits, then final (read-only); a
-- correction is a new version (replaces_id, reason) that replaces the final
-- one when it is finalized in turn.  latest = 1 on the newest final
-- assessment of each organization (the cross-organization results).
CREATE TABLE assessments (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES orgs(id),
	cohort_id    INTEGER REFERENCES cohorts(id),
	kind         TEXT NOT NULL CHECK (kind IN ('baseline','midline','endline')),
	framework_id INTEGER NOT NULL REFERENCES frameworks(id),
	status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final','replaced')),
	version      INTEGER NOT NULL DEFAULT 1,
	replaces_id  INTEGER REFERENCES assessments(id),
	reason       TEXT NOT NULL DEFAULT '',
	latest       INTEGER NOT NULL DEFAULT 0,
	created_by   INTEGER REFERENCES users(id),
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	finalized_by INTEGER REFERENCES users(id),
	finalized_at INTEGER,
	-- the score of each dimension once final, as in assessment_dims: one
	-- row per organization is what the cross-organization page reads
	d_principles REAL, d_planning REAL, d_knowledge REAL, d_context REAL, d_advocacy REAL,
	d_networking REAL, d_influence REAL, d_funding REAL, d_volunteering REAL, d_governance REAL
);
CREATE INDEX assessments_org ON assessments(org_id, kind);
CREATE INDEX assessments_cohort ON assessments(cohort_id, kind);
CREATE INDEX assessments_latest ON assessments(latest) WHERE latest = 1;
CREATE TABLE assessment_scores (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessments(id),
	indicator_id  INTEGER NOT NULL REFERENCES fw_indicators(id),
	self_score    INTEGER CHECK (self_score BETWEEN 1 AND 4),
	fac_score     INTEGER CHECK (fac_score BETWEEN 1 AND 4),
	agreed_score  INTEGER CHECK (agreed_score BETWEEN 1 AND 4),
	evidence      TEXT NOT NULL DEFAULT '',
	UNIQUE (assessment_id, indicator_id)
);
-- Photos and scans of documents seen, attached to an assessment as
-- evidence; the type is read from the file's first bytes, not its name.
CREATE TABLE assessment_files (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessments(id),
	name          TEXT NOT NULL,
	mime          TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png','image/webp','application/pdf')),
	bytes         INTEGER NOT NULL,
	data          BLOB NOT NULL,
	uploaded_by   INTEGER REFERENCES users(id),
	uploaded_at   INTEGER NOT NULL
);
CREATE INDEX assessment_files_assessment ON assessment_files(assessment_id);
-- The score of each dimension of a final assessment (the mean of its agreed
-- scores), written when it is finalized: what the results pages read.
CREATE TABLE assessment_dims (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessments(id),
	dimension     TEXT NOT NULL,
	score         REAL NOT NULL,
	UNIQUE (assessment_id, dimension)
);

-- The library of actions a plan suggests per dimension; staff edit it.
CREATE TABLE action_library (
	id          INTEGER PRIMARY KEY,
	dimension   TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('training','coaching','consultation','template')),
	text_ar     TEXT NOT NULL,
	text_en     TEXT NOT NULL,
	active      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX action_library_dim ON action_library(dimension);

-- A capacity-building plan, generated from an assessment, then adjusted.
CREATE TABLE plans (
	id            INTEGER PRIMARY KEY,
	org_id        INTEGER NOT NULL REFERENCES orgs(id),
	assessment_id INTEGER REFERENCES assessments(id),
	threshold     REAL NOT NULL,
	created_by    INTEGER REFERENCES users(id),
	created_at    INTEGER NOT NULL
);
CREATE INDEX plans_org ON plans(org_id);
CREATE TABLE plan_actions (
	id          INTEGER PRIMARY KEY,
	plan_id     INTEGER NOT NULL REFERENCES plans(id),
	org_id      INTEGER NOT NULL REFERENCES orgs(id),
	dimension   TEXT NOT NULL,
	description TEXT NOT NULL,
	owner       TEXT NOT NULL DEFAULT '',
	due_date    TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','done','dropped')),
	library_id  INTEGER REFERENCES action_library(id),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX plan_actions_plan ON plan_actions(plan_id);
CREATE INDEX plan_actions_due ON plan_actions(status, due_date);
-- What delivered an action (the activities, consultations and grants
-- modules link their records here).
CREATE TABLE plan_action_links (
	id          INTEGER PRIMARY KEY,
	action_id   INTEGER NOT NULL REFERENCES plan_actions(id),
	kind        TEXT NOT NULL CHECK (kind IN ('activity','consultation','grant')),
	ref_id      INTEGER NOT NULL
);
CREATE INDEX plan_action_links_action ON plan_action_links(action_id);
