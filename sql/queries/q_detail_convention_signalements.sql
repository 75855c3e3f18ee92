-- Flags recorded on one convention or its restructuring at load time (above 4 x SMIC, ...).
SELECT s.dataset, s.code, s.colonne, s.message
FROM signalements AS s
WHERE (s.dataset = 'conventions' AND s.cle = $id_convention)
   OR (s.dataset = 'restructurations'
       AND s.cle = (SELECT id_restructuration FROM conventions WHERE id_convention = $id_convention))
ORDER BY s.dataset, s.code
