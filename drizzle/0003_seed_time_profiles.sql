-- Reference data: JeraSoft's typical time profiles. "All time" has no periods and covers every moment;
-- every rate needs a profile, and this is the one rates use unless they name another.
INSERT INTO "time_profiles" ("name") VALUES ('All time'), ('Business hours'), ('Off-business hours'), ('Weekends');--> statement-breakpoint
INSERT INTO "time_profile_periods" ("time_profile_id", "weekday_from", "weekday_till", "time_from", "time_till")
SELECT p.id, v.wf, v.wt, v.tf::time, v.tt::time
FROM "time_profiles" p
JOIN (VALUES
  ('Business hours', 1, 5, '08:00:00', '17:59:59.999999'),
  ('Off-business hours', 1, 5, '00:00:00', '07:59:59.999999'),
  ('Off-business hours', 1, 5, '18:00:00', '23:59:59.999999'),
  ('Weekends', 6, 7, '00:00:00', '23:59:59.999999')
) AS v(name, wf, wt, tf, tt) ON v.name = p.name;
