-- Journal data pushed by schools' electronic journal systems.
-- Every journal record carries the source system's id (source_id), unique per school: that is the
-- key of the idempotent upsert. Internal ids (bigint) are used for references between tables.

CREATE TABLE school (
    id               bigserial PRIMARY KEY,
    code             text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    name             text NOT NULL,
    short_name       text,
    inn              text CHECK (inn ~ '^[0-9]{10}$'),
    ogrn             text CHECK (ogrn ~ '^[0-9]{13}$'),
    address          text,
    director_name    text,
    -- NULL means the service defaults from application.yml.
    mark_scale       text[],
    attendance_codes text[],
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- Tokens of schools' journal systems. Only a SHA-256 of the token is kept.
CREATE TABLE api_token (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    label       text NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX api_token_school ON api_token (school_id);

-- Accepted batches. A batch id is accepted once; re-sending the same content is a no-op.
CREATE TABLE ingest_batch (
    id             bigserial PRIMARY KEY,
    school_id      bigint NOT NULL REFERENCES school (id),
    batch_id       text NOT NULL,
    content_sha256 bytea NOT NULL,
    channel        text NOT NULL CHECK (channel IN ('API', 'CSV', 'DEMO')),
    actor          text NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    record_counts  jsonb NOT NULL,
    UNIQUE (school_id, batch_id)
);

CREATE TABLE academic_year (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    name        text NOT NULL,
    start_date  date NOT NULL,
    end_date    date NOT NULL,
    UNIQUE (school_id, source_id),
    CHECK (start_date < end_date)
);

-- Quarters, trimesters or half-years; which grades use a period is given by grade_from..grade_to.
CREATE TABLE study_period (
    id               bigserial PRIMARY KEY,
    school_id        bigint NOT NULL REFERENCES school (id),
    source_id        text NOT NULL,
    academic_year_id bigint NOT NULL REFERENCES academic_year (id),
    kind             text NOT NULL CHECK (kind IN ('QUARTER', 'TRIMESTER', 'HALF_YEAR')),
    number           smallint NOT NULL CHECK (number BETWEEN 1 AND 4),
    grade_from       smallint NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
    grade_to         smallint NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
    start_date       date NOT NULL,
    end_date         date NOT NULL,
    UNIQUE (school_id, source_id),
    CHECK (start_date <= end_date),
    CHECK (grade_from <= grade_to)
);
CREATE INDEX study_period_year ON study_period (academic_year_id);

CREATE TABLE teacher (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    last_name   text NOT NULL,
    first_name  text NOT NULL,
    middle_name text,
    position    text,
    UNIQUE (school_id, source_id)
);

CREATE TABLE subject (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    name        text NOT NULL,
    short_name  text,
    UNIQUE (school_id, source_id)
);

CREATE TABLE school_class (
    id               bigserial PRIMARY KEY,
    school_id        bigint NOT NULL REFERENCES school (id),
    source_id        text NOT NULL,
    academic_year_id bigint NOT NULL REFERENCES academic_year (id),
    grade            smallint NOT NULL CHECK (grade BETWEEN 1 AND 11),
    letter           text NOT NULL,
    class_teacher_id bigint REFERENCES teacher (id),
    UNIQUE (school_id, source_id)
);
CREATE INDEX school_class_year ON school_class (academic_year_id);

CREATE TABLE student (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    last_name   text NOT NULL,
    first_name  text NOT NULL,
    middle_name text,
    gender      char(1) CHECK (gender IN ('M', 'F')),
    birth_date  date,
    UNIQUE (school_id, source_id)
);

-- Students move between classes: membership has dates; date_to NULL means "still there".
CREATE TABLE enrollment (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    student_id  bigint NOT NULL REFERENCES student (id),
    class_id    bigint NOT NULL REFERENCES school_class (id),
    date_from   date NOT NULL,
    date_to     date,
    UNIQUE (school_id, source_id),
    CHECK (date_to IS NULL OR date_from <= date_to)
);
CREATE INDEX enrollment_class ON enrollment (class_id);
CREATE INDEX enrollment_student ON enrollment (student_id);

-- A part of a class taught separately (e.g. two foreign-language groups).
CREATE TABLE class_group (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    class_id    bigint NOT NULL REFERENCES school_class (id),
    name        text NOT NULL,
    UNIQUE (school_id, source_id)
);
CREATE INDEX class_group_class ON class_group (class_id);

CREATE TABLE group_member (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    group_id    bigint NOT NULL REFERENCES class_group (id),
    student_id  bigint NOT NULL REFERENCES student (id),
    UNIQUE (group_id, student_id)
);

CREATE TABLE curriculum_item (
    id              bigserial PRIMARY KEY,
    school_id       bigint NOT NULL REFERENCES school (id),
    source_id       text NOT NULL,
    class_id        bigint NOT NULL REFERENCES school_class (id),
    subject_id      bigint NOT NULL REFERENCES subject (id),
    teacher_id      bigint REFERENCES teacher (id),
    planned_lessons integer NOT NULL CHECK (planned_lessons >= 0),
    UNIQUE (school_id, source_id)
);
CREATE INDEX curriculum_item_class ON curriculum_item (class_id);

CREATE TABLE timetable_slot (
    id            bigserial PRIMARY KEY,
    school_id     bigint NOT NULL REFERENCES school (id),
    source_id     text NOT NULL,
    class_id      bigint NOT NULL REFERENCES school_class (id),
    group_id      bigint REFERENCES class_group (id),
    subject_id    bigint NOT NULL REFERENCES subject (id),
    teacher_id    bigint REFERENCES teacher (id),
    day_of_week   smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    lesson_number smallint NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
    valid_from    date NOT NULL,
    valid_to      date,
    room          text,
    UNIQUE (school_id, source_id)
);
CREATE INDEX timetable_slot_class ON timetable_slot (class_id);

-- One lesson as given. *_entered_at record when each field was filled in: the monitoring
-- indicators (timeliness, online keeping) are computed from them.
CREATE TABLE lesson (
    id                    bigserial PRIMARY KEY,
    school_id             bigint NOT NULL REFERENCES school (id),
    source_id             text NOT NULL,
    class_id              bigint NOT NULL REFERENCES school_class (id),
    group_id              bigint REFERENCES class_group (id),
    subject_id            bigint NOT NULL REFERENCES subject (id),
    teacher_id            bigint NOT NULL REFERENCES teacher (id),
    substitute_teacher_id bigint REFERENCES teacher (id),
    lesson_date           date NOT NULL,
    lesson_number         smallint NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
    topic                 text,
    homework              text,
    control_type          text,
    took_place            boolean NOT NULL DEFAULT true,
    comment               text,
    topic_entered_at      timestamptz,
    homework_entered_at   timestamptz,
    took_place_entered_at timestamptz,
    comment_entered_at    timestamptz,
    UNIQUE (school_id, source_id)
);
CREATE INDEX lesson_class_subject_date ON lesson (class_id, subject_id, lesson_date);
CREATE INDEX lesson_teacher_date ON lesson (teacher_id, lesson_date);

CREATE TABLE mark (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    lesson_id   bigint NOT NULL REFERENCES lesson (id),
    student_id  bigint NOT NULL REFERENCES student (id),
    value       text NOT NULL,
    work_type   text,
    weight      numeric(4, 2) NOT NULL DEFAULT 1 CHECK (weight > 0),
    entered_at  timestamptz NOT NULL,
    UNIQUE (school_id, source_id)
);
CREATE INDEX mark_lesson ON mark (lesson_id);
CREATE INDEX mark_student ON mark (student_id);

CREATE TABLE attendance (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL REFERENCES school (id),
    source_id   text NOT NULL,
    lesson_id   bigint NOT NULL REFERENCES lesson (id),
    student_id  bigint NOT NULL REFERENCES student (id),
    code        text NOT NULL,
    entered_at  timestamptz NOT NULL,
    UNIQUE (school_id, source_id)
);
CREATE INDEX attendance_lesson ON attendance (lesson_id);
CREATE INDEX attendance_student ON attendance (student_id);

-- Quarter / trimester / half-year marks refer to a study period; year, exam and final marks to
-- the academic year only.
CREATE TABLE period_mark (
    id               bigserial PRIMARY KEY,
    school_id        bigint NOT NULL REFERENCES school (id),
    source_id        text NOT NULL,
    student_id       bigint NOT NULL REFERENCES student (id),
    subject_id       bigint NOT NULL REFERENCES subject (id),
    academic_year_id bigint NOT NULL REFERENCES academic_year (id),
    kind             text NOT NULL CHECK (kind IN ('QUARTER', 'TRIMESTER', 'HALF_YEAR', 'YEAR', 'EXAM', 'FINAL')),
    period_id        bigint REFERENCES study_period (id),
    value            text NOT NULL,
    entered_at       timestamptz NOT NULL,
    UNIQUE (school_id, source_id),
    CHECK ((kind IN ('QUARTER', 'TRIMESTER', 'HALF_YEAR')) = (period_id IS NOT NULL))
);
CREATE INDEX period_mark_student ON period_mark (student_id, academic_year_id);

-- The pedagogical council's decision for the summary ledger.
CREATE TABLE year_decision (
    id               bigserial PRIMARY KEY,
    school_id        bigint NOT NULL REFERENCES school (id),
    source_id        text NOT NULL,
    student_id       bigint NOT NULL REFERENCES student (id),
    academic_year_id bigint NOT NULL REFERENCES academic_year (id),
    decision         text NOT NULL CHECK (decision IN ('PROMOTED', 'PROMOTED_CONDITIONALLY', 'RETAINED', 'GRADUATED')),
    decided_on       date NOT NULL,
    protocol         text,
    UNIQUE (school_id, source_id)
);
CREATE INDEX year_decision_student ON year_decision (student_id);

-- Parent accounts per student for the monitoring indicators; paper_reports marks a family
-- that asked for printed progress reports instead of electronic access.
CREATE TABLE parent_access (
    id                 bigserial PRIMARY KEY,
    school_id          bigint NOT NULL REFERENCES school (id),
    source_id          text NOT NULL,
    student_id         bigint NOT NULL UNIQUE REFERENCES student (id),
    accounts           smallint NOT NULL CHECK (accounts >= 0),
    activated_accounts smallint NOT NULL CHECK (activated_accounts >= 0),
    paper_reports      boolean NOT NULL DEFAULT false,
    UNIQUE (school_id, source_id),
    CHECK (activated_accounts <= accounts)
);

-- The journal is a legal record: every change or removal of a stored row is kept here.
CREATE TABLE journal_change (
    id          bigserial PRIMARY KEY,
    school_id   bigint NOT NULL,
    table_name  text NOT NULL,
    row_id      bigint NOT NULL,
    source_id   text,
    operation   text NOT NULL,
    old_row     jsonb NOT NULL,
    new_row     jsonb,
    batch_id    text,
    actor       text,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_change_row ON journal_change (table_name, row_id);
CREATE INDEX journal_change_school_time ON journal_change (school_id, changed_at);

-- Batch id and actor come from transaction-local settings made by the ingestion.
CREATE FUNCTION journal_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO journal_change (school_id, table_name, row_id, source_id, operation, old_row, new_row, batch_id, actor)
    VALUES (OLD.school_id, TG_TABLE_NAME, OLD.id, to_jsonb(OLD) ->> 'source_id', TG_OP, to_jsonb(OLD),
            CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(NEW) END,
            nullif(current_setting('journal.batch_id', true), ''),
            nullif(current_setting('journal.actor', true), ''));
    RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['academic_year', 'study_period', 'teacher', 'subject', 'school_class', 'student',
                             'enrollment', 'class_group', 'group_member', 'curriculum_item', 'timetable_slot',
                             'lesson', 'mark', 'attendance', 'period_mark', 'year_decision', 'parent_access']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION journal_record_change()',
                       t || '_history', t);
    END LOOP;
END
$$;
