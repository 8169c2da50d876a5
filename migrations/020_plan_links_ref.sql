-- 020: what an activity (a consultation, a grant) delivers of the plans,
-- read from its side: an activity's page lists the plan actions it serves
-- (src/activities/plan_links.c) without a pass over every link.
CREATE INDEX plan_action_links_ref ON plan_action_links(kind, ref_id);
