-- Leverage: euros mobilised (revitalisation + public and private co-financing) per euro of
-- revitalisation; NULL without revitalisation euros. The one definition of the ratio (docs/methodologie.md).
CREATE OR REPLACE MACRO effet_levier(revitalisation, cofinancement_public, cofinancement_prive) AS
    (revitalisation + cofinancement_public + cofinancement_prive) / NULLIF(revitalisation, 0)
