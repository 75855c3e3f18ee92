-- Operators named on loaded conventions, for the sidebar picker.
SELECT DISTINCT operateur FROM conventions WHERE operateur IS NOT NULL ORDER BY operateur
