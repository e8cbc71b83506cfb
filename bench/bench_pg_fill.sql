-- bench_pg_fill.sql -- fills kabar's PostgreSQL schema with generated
-- merged events for bench/bench_pg_queries.sh (method: bench/README.md,
-- "PostgreSQL queries at 10M events").  Run by psql with
--   -v events=N -v articles=N
-- on a database where `kabar ingest` of the news corpus has made the
-- schema and merged the corpus's events: those events are the templates.
-- Each generated event takes its source actor (code, name, country, where
-- the actor is) from one random corpus event, its target from another,
-- and its CAMEO code, root, quad, Goldstein value, date precision, date
-- interval shape, counts, flags and location from a third, so the codes,
-- countries and their frequencies are the corpus's; its day is uniform
-- over 2016-01-01 .. 2025-12-31, and its first article one of the
-- generated articles (short texts: one generated sentence).  dyad_days is
-- then what the merge would have summed from these events.  No mentions,
-- no near-duplicate signatures: `events` and `dyads` do not read them.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- the templates (the corpus's events, numbered from 1)
CREATE TEMP TABLE t_src AS
 SELECT row_number() OVER (ORDER BY e.id)::int AS i, e.source_code,
  e.source_name, e.source_country, g.type, g.name, g.country, g.iso,
  g.adm1, g.lat, g.lon, g.feature_id
 FROM events e LEFT JOIN actor_locations g ON g.event_id = e.id AND g.role = 1;
CREATE TEMP TABLE t_tgt AS
 SELECT row_number() OVER (ORDER BY e.id)::int AS i, e.target_code,
  e.target_name, e.target_country, g.type, g.name, g.country, g.iso,
  g.adm1, g.lat, g.lon, g.feature_id
 FROM events e LEFT JOIN actor_locations g ON g.event_id = e.id AND g.role = 2;
CREATE TEMP TABLE t_ev AS
 SELECT row_number() OVER (ORDER BY e.id)::int AS i, e.code, e.base_code,
  e.root, e.quad, e.goldstein, e.date_precision, e.date_rank,
  CASE WHEN e.date_precision = 'day'
   THEN e.date::date - e.date_lo::date ELSE 0 END AS lo_back,
  coalesce(CASE WHEN e.date_precision = 'day' AND e.date_added ~ '^\d{4}-\d\d-\d\d$'
   THEN e.date_added::date - e.date::date END, 0) AS added_after,
  e.negated, e.background, e.is_root, e.num_mentions, e.num_articles,
  e.num_sources, l.type, l.name, l.country, l.iso, l.adm1, l.lat, l.lon,
  l.feature_id
 FROM events e LEFT JOIN event_locations l ON l.event_id = e.id;
CREATE UNIQUE INDEX ON t_src (i);
CREATE UNIQUE INDEX ON t_tgt (i);
CREATE UNIQUE INDEX ON t_ev (i);
ANALYZE t_src, t_tgt, t_ev;
SELECT count(*) AS n_templates FROM t_ev \gset
SELECT coalesce(max(id), 0) AS max_event FROM events \gset
SELECT coalesce(max(id), 0) AS max_article FROM articles \gset

-- bulk load: the secondary indexes go and come back after (pg_open makes
-- them again, as kabar defines them)
DROP INDEX IF EXISTS articles_fts, articles_id, events_key,
 events_source_date, events_target_date, events_by_date, events_pair_date,
 event_locations_country, dyad_days_target;

\echo articles
\timing on
INSERT INTO articles (hash, doc, url, title, outlet, published, text, body,
 n_sentences, n_mentions, cluster_id, source_key)
SELECT md5('kabar-bench-' || g), 'gen-' || g,
 'https://berita' || (g % 50) || '.example/read/' || g,
 'Berita ' || g, 'berita' || (g % 50) || '.example',
 to_char(date '2016-01-01' + (g % 3653), 'YYYY-MM-DD'),
 'Pemerintah mengecam serangan itu dan meminta semua pihak menahan diri, kata juru bicara nomor ' || g || '.',
 'Pemerintah mengecam serangan itu dan meminta semua pihak menahan diri, kata juru bicara nomor ' || g || '.' || E'\n',
 1, 5, :max_article + g, 'berita' || (g % 50) || '.example'
FROM generate_series(1, :articles) g;

\echo events
-- which templates each new event draws (UNLOGGED: a scratch table)
CREATE UNLOGGED TABLE bench_gen AS
 SELECT :max_event + g AS id,
  1 + floor(random() * :n_templates)::int AS rs,
  1 + floor(random() * :n_templates)::int AS rt,
  1 + floor(random() * :n_templates)::int AS re,
  date '2016-01-01' + floor(random() * 3653)::int AS day,
  :max_article + 1 + floor(random() * :articles)::bigint AS art
 FROM generate_series(1, :events) g;

INSERT INTO events
SELECT r.id, s.source_code, s.source_name, s.source_country, t.target_code,
 t.target_name, t.target_country, v.code, v.base_code, v.root, v.quad,
 v.goldstein,
 CASE v.date_precision WHEN 'day' THEN to_char(r.day, 'YYYY-MM-DD')
  WHEN 'month' THEN to_char(r.day, 'YYYY-MM') ELSE to_char(r.day, 'YYYY') END,
 v.date_precision, v.date_rank,
 CASE v.date_precision WHEN 'day' THEN to_char(r.day - v.lo_back, 'YYYY-MM-DD')
  WHEN 'month' THEN to_char(date_trunc('month', r.day), 'YYYY-MM-DD')
  ELSE to_char(date_trunc('year', r.day), 'YYYY-MM-DD') END,
 CASE v.date_precision WHEN 'day' THEN to_char(r.day, 'YYYY-MM-DD')
  WHEN 'month' THEN to_char(date_trunc('month', r.day) + interval '1 month - 1 day', 'YYYY-MM-DD')
  ELSE to_char(date_trunc('year', r.day) + interval '1 year - 1 day', 'YYYY-MM-DD') END,
 v.negated, v.background, v.is_root, v.num_mentions, v.num_articles,
 v.num_sources, r.art, to_char(r.day + v.added_after, 'YYYY-MM-DD')
FROM bench_gen r JOIN t_src s ON s.i = r.rs JOIN t_tgt t ON t.i = r.rt
 JOIN t_ev v ON v.i = r.re ORDER BY r.id;

\echo locations
INSERT INTO event_locations
SELECT r.id, v.type, v.name, v.country, v.iso, v.adm1, v.lat, v.lon,
 v.feature_id
FROM bench_gen r JOIN t_ev v ON v.i = r.re WHERE v.type IS NOT NULL
ORDER BY r.id;
INSERT INTO actor_locations
SELECT r.id, 1, s.type, s.name, s.country, s.iso, s.adm1, s.lat, s.lon,
 s.feature_id
FROM bench_gen r JOIN t_src s ON s.i = r.rs WHERE s.type IS NOT NULL
UNION ALL
SELECT r.id, 2, t.type, t.name, t.country, t.iso, t.adm1, t.lat, t.lon,
 t.feature_id
FROM bench_gen r JOIN t_tgt t ON t.i = r.rt WHERE t.type IS NOT NULL
ORDER BY 1, 2;

\echo dyad_days
-- kabar_dyad's sums over the new events: a dated, not negated event on
-- the first day of its date
INSERT INTO dyad_days AS x (day, source, target, root, events, mentions,
 goldstein)
SELECT CASE WHEN length(date) >= 10 THEN substr(date, 1, 10)
  WHEN length(date) >= 7 THEN substr(date, 1, 7) || '-01'
  ELSE substr(date, 1, 4) || '-01-01' END,
 source_country, target_country, root, count(*), sum(num_mentions),
 sum(goldstein)
FROM events WHERE id > :max_event AND NOT negated AND date IS NOT NULL
GROUP BY 1, 2, 3, 4
ON CONFLICT (source, target, day, root) DO UPDATE SET
 events = x.events + excluded.events,
 mentions = x.mentions + excluded.mentions,
 goldstein = x.goldstein + excluded.goldstein;
DROP TABLE bench_gen;
