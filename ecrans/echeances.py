"""Échéances: the follow-up calendar of a département (or of France): what is due, what is late.

The deadlines of the `echeances` macro (signature of a convention, annual committee, end of a
convention, final bilan, under-consumption) on a reference date (today unless the link says
`?date=`), late first then by date; filters by territory, type and horizon, all in the URL; each
line links to its convention, or to its restructuring shown here (`?restructuration=`); counts
by type; CSV / Excel and iCalendar (.ics) downloads. Layout only.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from observatoire import calendrier, layout, tableaux
from observatoire import formats as fmt
from observatoire import queries as q
from observatoire.acces import perimetre_courant

version = layout.page("Échéances", "Ce que la loi et le suivi des conventions attendent, "
                                   "et ce qui est en retard, département par département.")


def _param(nom: str, options: list, defaut=None):
    """The URL's value for `nom` when it is one of `options` (compared as text), else `defaut`."""
    brut = st.query_params.get(nom)
    return next((o for o in options if o is not None and str(o) == brut), defaut)


def _vers_url(valeurs: dict) -> None:
    for nom, valeur in valeurs.items():
        if valeur is None:
            st.query_params.pop(nom, None)
        elif st.query_params.get(nom) != str(valeur):
            st.query_params[nom] = str(valeur)


def _date_reference() -> dt.date:
    try:
        return dt.date.fromisoformat(st.query_params.get("date", ""))
    except ValueError:
        return dt.date.today()


with layout.protege("les échéances"):
    deps = q.ref_departements(version)
    noms = dict(zip(deps["code_departement"], deps["libelle"]))
    regles = q.regles(version)
    horizon_regle = int(regles["horizon_fin_convention_mois"])
    horizons = sorted({1, 3, horizon_regle, 12})
    types = q.echeances_comptes(version, dt.date.today())
    libelles = dict(zip(types["type_echeance"], types["libelle_type"]))

    g, m, d, r = st.columns([3, 2, 2, 2])
    options_dep = [None, *noms]
    defaut_dep = _param("departement", options_dep, st.session_state.get("flt_departement"))
    departement = g.selectbox("Territoire", options_dep, index=options_dep.index(defaut_dep)
                              if defaut_dep in options_dep else 0, key="ech_dep",
                              format_func=lambda c: "France entière" if c is None else f"{c} – {noms[c]}")
    options_type = [None, *libelles]
    type_echeance = m.selectbox("Type d'échéance", options_type, key="ech_type",
                                index=options_type.index(_param("type", options_type)),
                                format_func=lambda c: "Tous les types" if c is None else libelles[c])
    options_h = [None, *horizons]
    horizon = d.selectbox("Horizon", options_h, key="ech_horizon",
                          index=options_h.index(_param("horizon", options_h)),
                          format_func=lambda h: "Toutes les échéances" if h is None else f"{h} prochains mois",
                          help="Les échéances en retard sont toujours montrées.")
    date_ref = r.date_input("Date de référence", _date_reference(), format="DD/MM/YYYY", key="ech_date")
    en_retard_seul = st.toggle("En retard uniquement", key="ech_retard",
                               value=st.query_params.get("retard") == "1")
    if departement:
        st.session_state["flt_departement"] = departement
    _vers_url({"departement": departement, "type": type_echeance, "horizon": horizon,
               "date": None if date_ref == dt.date.today() else date_ref.isoformat(),
               "retard": "1" if en_retard_seul else None})
    territoire = "France entière" if departement is None else f"{noms[departement]} ({departement})"
    st.caption(f"{territoire} · échéances au {fmt.date_fr(date_ref)}, en retard d'abord puis par date.")

    comptes = q.echeances_comptes(version, date_ref, departement, None, horizon)
    layout.metriques([(c["libelle_type"], f"{fmt.nombre(c['nb_en_retard'])} en retard",
                       f"{fmt.nombre(c['nb_a_venir'])} à venir") for c in comptes.iter_rows(named=True)],
                     par_ligne=3)   # "344 en retard" must fit its card

    restructuration = st.query_params.get("restructuration")
    if restructuration:
        fiche = q.restructuration(version, restructuration)
        st.subheader("Restructuration")
        if fiche.is_empty():
            layout.vide(f"La restructuration « {restructuration} » n'existe pas dans les données chargées.")
        else:
            tableaux.tableau(fiche, ["id_restructuration", "raison_sociale", "siren", "commune", "departement",
                                   "date_notification", "type_procedure", "emplois_supprimes", "nb_conventions"],
                           f"restructuration_{restructuration}", cle="ech_restr", config={
                               "id_restructuration": tableaux.colonne("Restructuration"),
                               "raison_sociale": tableaux.colonne("Entreprise"), "siren": tableaux.colonne("SIREN"),
                               "commune": tableaux.colonne("Site"), "departement": tableaux.colonne("Département"),
                               "date_notification": tableaux.colonne("Notification", "date"),
                               "type_procedure": tableaux.colonne("Procédure")})
        if st.button("Revenir à toutes les échéances", key="ech_toutes"):
            st.query_params.pop("restructuration", None)
            st.rerun()

    liste = q.echeances(version, date_ref, departement, None, type_echeance, horizon, en_retard_seul)
    if restructuration:
        liste = liste.filter(liste["id_restructuration"] == restructuration)
    st.subheader(f"{fmt.nombre(liste.height)} échéance{'s' if liste.height > 1 else ''}")
    if liste.is_empty():
        vu = perimetre_courant()
        layout.vide("Aucune échéance ne correspond à ce territoire et à ces filtres."
                    if vu.departements is None else
                    "Le détail des échéances (entreprises concernées) n'est visible que pour les départements "
                    f"de votre périmètre ({vu.libelle_departements()}) ; les décomptes ci-dessus valent pour "
                    "tout le territoire choisi.")
        st.stop()
    nom = f"echeances_{departement or 'france'}_{date_ref.isoformat()}"
    calendrier.tableau(liste, nom, "ech_liste", hauteur=480)
    avenir = liste.filter(~liste["en_retard"])
    st.download_button(f"Calendrier (.ics) : {fmt.nombre(avenir.height)} échéance(s) à venir",
                       lambda: calendrier.ics_bytes(avenir, nom=f"Échéances – {territoire}"), f"{nom}.ics",
                       "text/calendar", key="ech_ics", on_click="ignore", icon=":material/event:",
                       disabled=avenir.is_empty(),
                       help="À importer dans Outlook ou Thunderbird : une journée par échéance à venir.")
