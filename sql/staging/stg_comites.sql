-- Follow-up committees: a convention's or a fund's, with the département it belongs to.
CREATE OR REPLACE VIEW stg_comites AS
SELECT
    m.id_comite,
    m.id_convention,
    m.id_fonds,
    m.date_comite,
    year(m.date_comite) AS annee,
    m.type_comite,
    m.commentaire,
    coalesce(c.departement, f.departement) AS departement
FROM comites m
LEFT JOIN conventions c ON c.id_convention = m.id_convention
LEFT JOIN fonds f ON f.id_fonds = m.id_fonds
