-- Firm-level rows: only those of the viewer's départements ($perimetre_departements, bound by the door).
-- Flags recorded on one convention or its restructuring at load time (above 4 x SMIC, ...).
SELECT s.dataset, s.code, s.colonne, s.message
FROM signalements AS s
WHERE ((s.dataset = 'conventions' AND s.cle = $id_convention)
   OR (s.dataset = 'restructurations'
       AND s.cle = (SELECT id_restructuration FROM conventions WHERE id_convention = $id_convention)))
  AND $id_convention IN (SELECT id_convention FROM conventions WHERE ($perimetre_departements::VARCHAR[] IS NULL OR list_contains($perimetre_departements::VARCHAR[], departement)))
ORDER BY s.dataset, s.code
