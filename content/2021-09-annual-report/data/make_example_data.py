#!/usr/bin/env python3
"""Write the example data of the 2020/21 annual report: measures.csv.

Run it from anywhere (`python content/2021-09-annual-report/data/make_example_data.py`);
it writes measures.csv beside itself, which the paper reads as its long table.

The data is held as the analysts hold it, by the period each figure is published
for, not split into months: hidden crimes, burglary and robbery by financial year
(`2020/21`), complaints and the victim survey by calendar year (`2020`), recorded
crime by rolling year (`year ending September 2020`) with the population by
mid-year estimate (`2019`) as its denominator (measures.yaml: `per: 1000`,
`denominator: population`). A running total (people reached "to date", cumulative
outputs of a programme) is one datum at the month it was counted to, read with
`combine: latest`; a figure for part of a year (the first three months of a scheme) is
held for its quarter (`2020/21 Q3`). Breakdowns are rows by area: local authority
areas, forces, and categories (offence types, apprenticeships) in the `area` column,
with the paper's own area (West Midlands) the total where the paper gives one.

Which data are ILLUSTRATIVE (paper.yaml says `data: illustrative: yes`):

- The published report gives the annual figures of the tables of indicators 1, 2, 8
  and 9; every one is reproduced exactly. Indicator 1 publishes only the rates per
  1,000 population: the crime counts here are those rates times the population
  (ILLUSTRATIVE counts, the population rounded from ONS's mid-2019 estimates), so the
  rates computed from them print as published.
- Indicator 12's burglary and robbery by financial year are drawn as charts in the
  published report without their numbers, so those series are ILLUSTRATIVE.
- PUBLISHED below: every other statistic of the report (the COVID section, themes 1 to
  7, appendix 1, Tables 1 and 2 and the tables of vehicle crime, My Time, Drive,
  dangerous dogs, custody visits, CSP allocations and apprenticeships). Each datum is
  the figure the published paper states, so the build prints the published figure;
  the records behind it are not held, so they are ILLUSTRATIVE. Where the paper says
  "over", "about" or "approaching", the datum is the figure stated (368 Cadets print
  as "approaching 370"). Where the paper gives only a change or a monthly average,
  the counts behind it are made up to give it: violent crime 2018/19 and 2019/20 (an
  18% increase), the survey invitations of 2017 and 2018 (around 4,200 a month over
  2017 to 2019).
- Computed, not held: the custody visits' percentage accepted (visits accepted over
  detainees present, cut to whole numbers as the published table prints them, and its
  Total row the ratio of the sums).
- ILLUSTRATIVE shapes: the report gives only the range "circa 45-48%" for theft's share
  of reoffences, so the shares by year here lie within it; its pie chart "Cadet
  Diversity 2019" prints six shares without saying which label each belongs to, so the
  categories are matched to them in the published order.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
FINANCIAL_YEARS = ("2016/17", "2017/18", "2018/19", "2019/20", "2020/21")

HIDDEN_CRIMES = {  # financial year: DA CA HA VA CSE FGM HBV FM MS Trafficking
    "2016/17": (22549, 7114, 4042, 754, 291, 12, 139, 21, 219, None),
    "2017/18": (25672, 8728, 4645, 909, 479, 2, 134, 29, 398, 8),
    "2018/19": (33513, 10738, 5502, 1085, 396, 5, 197, 39, 364, 6),
    "2019/20": (41546, 12098, 6436, 1198, 339, 5, 206, 59, 535, 12),
    "2020/21": (51650, 10883, 8105, 1494, 280, 5, 241, 47, 725, 5),
}
HIDDEN_NON_CRIME = {  # DA CA HA VA CSE FGM HBV FM MS
    "2016/17": (30910, 14273, 723, 1191, 1608, 159, 125, 65, 0),
    "2017/18": (30182, 13027, 493, 1208, 1556, 145, 97, 49, 0),
    "2018/19": (28165, 11742, 382, 1386, 1189, 84, 101, 62, 0),
    "2019/20": (29220, 10509, 285, 1326, 733, 60, 77, 43, 20),
    "2020/21": (30086, 10722, 323, 1456, 469, 21, 80, 43, 459),
}
TYPES = ("da", "ca", "ha", "va", "cse", "fgm", "hbv", "fm", "ms", "trafficking")
COMPLAINTS = {  # calendar year: complaint, conduct, miscellaneous, other
    2015: (1210, 278, 2160, 411),
    2016: (921, 185, 2356, 294),
    2017: (836, 143, 2893, 308),
    2018: (530, 139, 3166, 310),
    2019: (408, 144, 3180, 284),
    2020: (3710, 174, 2456, 256),
}
POPULATION = {  # mid-2019 estimates by police force area, rounded (ONS)
    "England and Wales": 59_439_840,
    "West Midlands": 2_928_592,
    "Metropolitan Police": 8_961_989,
    "Merseyside": 1_429_910,
    "Greater Manchester": 2_835_686,
    "West Yorkshire": 2_320_214,
}
CRIME_RATE = {  # published per 1,000 population, year ending September 2020
    "England and Wales": 83.46,
    "West Midlands": 86.94,
    "Metropolitan Police": 91.7,
    "Merseyside": 94.2,
    "Greater Manchester": 98.1,
    "West Yorkshire": 115.3,
}
WEST_MIDLANDS_JUNE_2020 = 85.5  # per 1,000, year ending June 2020


# Figures the report states once, each by the period (and area or category) the
# analysts hold it for: measure -> [(period, value) or (period, value, area)].
# ILLUSTRATIVE: the report prints each as a published figure; the example holds
# exactly that figure (so the build prints it) but not the records behind it.
PUBLISHED: dict[str, list[tuple]] = {
    # Theme 2, Tables 1 and 2: victims supported and expenditure on victim services
    # (2020/21's victims a mid-year figure; 2016/17's referrals, not victims)
    "victims_supported": [
        ("2016/17", 50444),
        ("2017/18", 28522),
        ("2018/19", 38244),
        ("2019/20", 36641),
        ("2020/21", 30000),
    ],
    "victim_services_spend": [
        ("2016/17", 3319355),
        ("2017/18", 3321557),
        ("2018/19", 3329807),
        ("2019/20", 3346608),
        ("2020/21", 4485802),
    ],
    # Performance since 2016, indicators 3, 4, 8, 9 and 11
    "reoffending_adult": [("2015", 30.5)],
    "reoffending_adult_gap": [("2015", 2.1), ("2018", 1.4)],
    "reoffending_theft_cost": [("2018", 43000000)],
    # the report gives only the range "circa 45-48%" over the past few years: ILLUSTRATIVE
    # shares by year within it
    # the report gives only how often: a West Midlands resident "every three days" and
    # one in England "every four hours" (ILLUSTRATIVE yearly counts that give them)
    "drug_poisoning_deaths": [("2019", 121)],
    "drug_poisoning_deaths_england": [("2019", 2400)],
    "lac_mental_health_share": [("2016", 45)],
    "reoffences_theft_share": [("2016", 45.4), ("2017", 47.8), ("2018", 46.9)],
    "reoffending_youth": [("2018", 36.0), ("2018", 37.5, "England and Wales")],
    "fte_rate": [("2019", 27), ("2019", 21, "England and Wales")],
    "victims_satisfied_month": [("2020-05", 37.0), ("2020-06", 55.0)],
    "satisfaction_offence": [
        ("2020-12", 66.7, "Public order"),
        ("2020-12", 33.0, "Arson/Criminal Damage"),
        ("2020-12", 34.8, "Violence against the person"),
    ],
    "satisfaction_npu": [("2020-12", 57.7, "Dudley"), ("2020-12", 22.2, "Solihull")],
    "complaints_schedule3": [("2020", 386)],
    "complaint_days": [("2016", 278), ("2020", 131)],
    "complaint_days_not_schedule3": [("2020", 86)],
    "wmnow_subscribers": [("2021-03", 110000)],
    "street_watch_groups": [("2021-01", 197)],
    "street_watch_volunteers": [("2021-01", 1750)],
    # Responding to the COVID emergency
    "covid_deaths": [
        ("2021-01", 125000, "United Kingdom"),
        ("2021-01", 13000, "West Midlands region"),
    ],
    "covid_directions_to_leave": [("2021-01", 36737)],
    "covid_directions_people": [("2021-01", 100000)],
    "covid_fpn": [("2021-01", 2490)],
    "covid_super_fines": [("2021-01", 21)],
    "covid_specials_bonus": [("2020/21", 140)],
    "covid_net_cost": [("2020/21", 5000000)],
    # Theme 1: gangs and violence, knife crime, vehicle crime (cumulative to the month named)
    "eyif_diversionary": [("2021-03", 11445)],
    "eyif_mentoring": [("2021-03", 932)],
    "eyif_aces_trained": [("2021-03", 526)],
    "aces_views": [("2019-12", 17000)],
    "fearless_sessions": [("2021-03", 14)],
    "fearless_professionals": [("2021-03", 225)],
    "fearless_schools": [("2021-03", 44)],
    "fearless_workshops": [("2021-03", 101)],
    "fearless_students": [("2021-03", 5554)],
    "gvc_diversionary": [("2021-03", 5000)],
    "e4e_supported": [("2021-03", 19)],
    "precious_lives_workshops": [("2021-03", 328)],
    "precious_lives_young_people": [("2021-03", 23340)],
    "surrender_bin_weapons": [("2020", 500)],
    "cantil_arrests": [("2021-03", 1500)],
    "cantil_vehicles": [("2021-03", 1000)],
    "cantil_assets": [("2021-03", 17000000)],
    "cantil_chop_shops": [("2021-03", 100)],
    # Theme 1: vehicle crime, offending and substance misuse
    "vehicle_crime": [
        ("2016/17", 27568),
        ("2017/18", 31172),
        ("2018/19", 31615),
        ("2019/20", 27392),
        ("2020/21", 20039),
    ],
    "theft_of_motor_vehicle": [
        ("2016/17", 6654),
        ("2017/18", 9310),
        ("2018/19", 10119),
        ("2019/20", 9087),
        ("2020/21", 7582),
    ],
    "prison_heroin_first_tried": [("2019", 20.0)],
    "new_chance_referred": [("2020-12", 172)],
    "new_chance_mh_reduction_low": [("2020/21", 35.0)],
    "new_chance_mh_reduction_high": [("2020/21", 37.0)],
    "new_chance_sm_reduction_low": [("2020/21", 51.0)],
    "new_chance_sm_reduction_high": [("2020/21", 55.0)],
    "arv_cost_benefit": [("2020/21", 16)],
    "arv_reoffended_completers": [("2020/21", 21.0)],
    "arv_reoffended_control": [("2020/21", 49.0)],
    "arv_offenders": [("2021-03", 700)],
    "arv_savings": [("2021-03", 2400000)],
    "drug_diversion_diverted": [("2020/21 Q3", 500)],
    "divert_referred": [("2020/21 Q3", 547)],
    "o2r_supported": [("2021-03", 33)],
    "o2r_not_offending_pct": [("2021-03", 60.0)],
    "o2r_in_treatment": [("2021-03", 14)],
    "o2r_discharged_not_reoffending": [("2021-03", 6)],
    "o2r_discharged_reoffended": [("2021-03", 13)],
    "o2r_employment": [("2021-03", 5)],
    "o2r_crime_prevented": [("2021-03", 2000000)],
    "o2r_drug_income_reduced": [("2021-03", 800000)],
    "safe_space_helped": [("2021-03", 800)],
    "safe_space_lifesaving": [("2021-03", 7)],
    "safe_space_ambulance_prevented": [("2021-03", 500)],
    "safe_space_crimes_prevented": [("2021-03", 80)],
    "safe_space_ambulance_saving": [("2021-03", 121000)],
    "safe_space_ae_prevented": [("2021-03", 500)],
    "safe_space_ae_saving": [("2021-03", 83000)],
    "safe_space_police_saving": [("2021-03", 60000)],
    "arda_reoffending_reduction": [("2020/21", 70.0)],
    "arda_completers_da_reduction": [("2020/21", 66.0)],
    "arda_saving_per_person": [("2020/21", 1450)],
    "arda_saving_total": [("2020/21", 589000)],
    "cranstoun_contacts": [("2020", 9017)],
    "cranstoun_assessments": [("2020", 2411)],
    "drr_granted": [("2020", 166)],
    "atr_granted": [("2020", 101)],
    "naloxone_officers_trained": [("2020-06", 52)],
    "naloxone_kits_officers": [("2020-06", 51)],
    "naloxone_kits_vehicles": [("2020-06", 4)],
    "naloxone_kits": [("2020-06", 55)],
    "naloxone_summit_trained": [("2020", 75)],
    # Theme 1: hidden crimes, roads, VRU, dogs; Theme 2 and 3 (victims, custody)
    "ppu_officers": [("2016-05", 300), ("2021-03", 800)],
    "ppu_staff_investigators_recruited": [("2020", 40)],
    "ppu_restructure_moved": [("2019-02", 300)],
    "mytime_referrals": [
        ("2020-04", 341, "Birmingham"),
        ("2020-04", 48, "Coventry"),
        ("2020-04", 169, "Dudley"),
        ("2020-04", 296, "Sandwell"),
        ("2020-04", 70, "Solihull"),
        ("2020-04", 81, "Walsall"),
        ("2020-04", 156, "Wolverhampton"),
        ("2020-04", 1161),
    ],
    "mytime_individuals": [("2020-04", 1022)],
    "mytime_assessments": [("2020-04", 636)],
    "mytime_accepted": [("2020-04", 292)],
    "mytime_attended": [("2020-04", 219)],
    "mytime_sessions": [("2020-04", 2750)],
    "mytime_perpetrator_attendances": [("2020-04", 2750)],
    "mytime_iss_referred": [("2020-04", 458)],
    "mytime_iss_supported": [("2020-04", 414)],
    "drive_physical_abuse_reduction": [("2020-12", 77.0)],
    "drive_sexual_abuse_reduction": [("2020-12", 80.0)],
    "drive_stalking_reduction": [("2020-12", 62.0)],
    "drive_coercive_reduction": [("2020-12", 56.0)],
    "drive_referrals": [("2020-12", 395)],
    "drive_victims": [("2020-12", 459)],
    "drive_children": [("2020-12", 908)],
    "da_ytd_change": [("2021-03", 41.0)],
    "da_share_of_crime": [("2021-03", 21.0)],
    "violence_ytd_change": [("2021-03", 31.0)],
    "stalking_ytd_change": [("2021-03", 90.0)],
    "vwi_ytd_change": [("2021-03", 28.0)],
    "stalking_year_change": [("2021-03", 62.0)],
    "speeding_offences_cto": [("2019/20", 70000)],
    "close_pass_operations": [("2020/21", 16)],
    "uninsured_seized_month_min": [("2016/17", 600)],
    "uninsured_seized_month_max": [("2016/17", 1000)],
    "vru_budget_violence_share": [("2020/21", 70.0)],
    "vru_sport_summer": [("2019/20", 10000)],
    "vru_sport_supported": [("2020/21", 1283)],
    "dogs_seized": [("2014/15", 192), ("2018/19", 48)],
    "dogs_days_kennelled": [("2014/15", 87), ("2018/19", 51)],
    "dangerous_dogs_cost": [
        ("2017/18", 385500),
        ("2018/19", 339000),
        ("2019/20", 310500),
        ("2020/21", 288900),
    ],
    "court_observers": [("2020/21", 58)],
    "court_observed_cases": [("2020/21", 193)],
    "hate_crime_change_2020": [("2020", 40.0)],
    "rj_referrals_victims": [("2019/20", 528), ("2020/21", 539)],
    "rj_referrals_offenders": [("2019/20", 875), ("2020/21", 73)],
    "rj_crc_referrals_received": [("2021-03", 495)],
    "icv_volunteers": [("2021-03", 58)],
    "icv_detainees_present": [
        ("2016/17", 3817),
        ("2017/18", 3243),
        ("2018/19", 3746),
        ("2019/20", 4038),
        ("2020/21", 1300),
    ],
    "icv_visits_offered": [
        ("2016/17", 2955),
        ("2017/18", 2555),
        ("2018/19", 2601),
        ("2019/20", 2421),
        ("2020/21", 816),
    ],
    "icv_accepted": [
        ("2016/17", 2535),
        ("2017/18", 2243),
        ("2018/19", 2188),
        ("2019/20", 1933),
        ("2020/21", 675),
    ],
    "icv_visits": [("2021-01", 1298)],
    "aa_visits": [("2021-01", 2820)],
    "bwv_cameras": [("2021-03", 3424)],
    "bwv_videos": [("2021-03", 189175)],
    "bwv_hours": [("2021-03", 39598.63)],
    "bwv_videos_per_day": [("2021-03", 2781.99)],
    "bwv_hours_per_day": [("2021-03", 582.33)],
    # Theme 3: stop and search, complaints, misconduct, public contact, governance
    "ss_positive_outcome_rate": [("2020/21", 29.5)],
    "ss_bwv_share": [("2018/19", 42.0), ("2019/20", 77.0), ("2020/21", 89.0)],
    "ss_ratio_asian": [("2019/20", 2.6), ("2020/21", 2.6)],
    "ss_ratio_black": [("2019/20", 4.5), ("2020/21", 3.9)],
    "ss_workshops": [("2021-03", 400)],
    "ss_workshop_reach": [("2021-03", 15000)],
    "s163_pilot_stops": [("2018", 1920)],
    "complaint_reviews": [("2021-03", 81)],
    "complaints_cc": [("2020", 15)],
    "complaints_cc_iopc": [("2020", 2)],
    "misconduct_hearings": [("2016/17", 19), ("2017/18", 22), ("2018/19", 10), ("2019/20", 19)],
    "misconduct_hearings_force": [
        ("2016/17", 5, "Warwickshire"),
        ("2017/18", 11, "Warwickshire"),
        ("2017/18", 1, "Staffordshire"),
        ("2018/19", 1, "Warwickshire"),
        ("2018/19", 1, "West Mercia"),
        ("2019/20", 5, "Warwickshire"),
        ("2019/20", 3, "West Mercia"),
    ],
    "misconduct_appeals": [("2021-03", 10)],
    "pension_forfeitures": [("2021-03", 7)],
    "pension_forfeitures_underway": [("2021-03", 2)],
    "contact_online_share": [("2020/21", 49.0)],
    "contacts_per_day": [("2020/21", 1480)],
    "contact_chatbot_share": [("2020/21", 30.0)],
    "contact_online_report_share": [("2020/21", 8.0)],
    "contact_live_chat_share": [("2020/21", 40.0)],
    "contact_101_share": [("2020/21", 50.0)],
    "spcb_public_meetings": [("2021-03", 53)],
    "audit_satisfaction": [("2020/21", 95.0)],
    "stakeholder_panels": [("2021-03", 11)],
    # Theme 4: CSPs, mental health, neighbourhoods, economy, transport
    "csp_allocation": [
        ("2022-03", 8493511, "Birmingham"),
        ("2022-03", 1907040, "Coventry"),
        ("2022-03", 1525316, "Dudley"),
        ("2022-03", 1746569, "Sandwell"),
        ("2022-03", 964372, "Solihull"),
        ("2022-03", 1722072, "Walsall"),
        ("2022-03", 1748576, "Wolverhampton"),
        ("2022-03", 18107456),
    ],
    "triage_f2f_low": [("2020/21", 400)],
    "triage_f2f_high": [("2020/21", 450)],
    "triage_ambulance_low": [("2020/21", 600)],
    "triage_ambulance_high": [("2020/21", 675)],
    "liaison_diversion_referrals": [("2020/21", 7000)],
    "liaison_diversion_referred_on": [("year ending August 2019", 1279)],
    "roots_for_life_people": [("2017", 100)],
    "neighbourhood_officers": [("2021-03", 1546)],
    "neighbourhood_pcsos": [("2021-03", 455)],
    "living_wage_staff": [("2017", 185)],
    "force_spend": [("2020/21", 72000000)],
    "force_spend_region": [("2019/20", 39000000), ("2020/21", 47000000)],
    "supplier_apprenticeships": [("2019/20", 81), ("2020/21", 145)],
    "supplier_local_jobs": [("2019/20", 982), ("2020/21", 1087)],
    "acf_projects": [("2021-03", 589)],
    "acf_value": [("2021-03", 2700000)],
    "cif_organisations": [("2021-03", 146)],
    "cif_value": [("2021-03", 466584)],
    "nudge_letter_reduction": [("2020/21", 80.0)],
    "bus_crime_change": [("2019/20", 11.0)],
    "stp_face_covering_advised": [("2021-03", 5500)],
    "stp_masks": [("2021-03", 1300)],
    "rail_call_for_evidence": [("2020", 1450)],
    "encampment_attendances": [("2016", 519), ("2019", 232)],
    # Themes 5 to 7 and appendix 1
    "police_officers": [("2021-03", 6500)],
    "officers_recruited_efficiencies": [("2021-03", 200)],
    "reserves": [("2016-03", 118000000), ("2020-03", 50000000)],
    "leadership_programme_accessed": [("2021-03", 1000)],
    "student_officers_enrolled": [("2021-03", 800)],
    "student_officers_planned": [("2022-03", 1900)],
    "staff_engaged_vision": [("2020/21", 75.0)],
    "force_volunteers": [("2021-03", 400)],
    "wmp2020_officer_equivalent": [("2021-03", 1000)],
    "wmp2020_savings": [("2021-03", 121000000)],
    "cadets": [("2021-03", 368)],
    "cadets_challenging_backgrounds": [("2021-03", 25.0)],
    "cadet_applicants": [("2021-03", 39)],
    "cadets_continuing_as_leaders": [("2020/21", 10)],
    "cadets_online_meetings": [("2021-03", 120)],
    "cadet_leaders": [("2019-08", 65)],
    # the published pie chart "Cadet Diversity 2019" gives its shares without labels
    # attached; the categories here are matched to them in the published order
    "cadet_ethnicity_share": [
        ("2019", 45, "White"),
        ("2019", 34, "Asian"),
        ("2019", 8, "Asian British"),
        ("2019", 3, "Black British/ African British / Carribbean British"),
        ("2019", 2, "Black/African/Caribbean"),
        ("2019", 8, "Unknown"),
    ],
    "cadet_leaders_regular": [("2019-08", 35)],
    "cadets_active": [("2019-08", 250)],
    "cadet_hours_volunteered": [("2019-08", 45)],
    "cadets_excellence_awards": [("2019-07", 157)],
    "insight_days": [("2021-03", 17)],
    "insight_days_young_people": [("2021-03", 250)],
    "opcc_work_experience": [("2021-03", 30)],
    "peqf_students": [("2021-03", 100)],
    "apprentices_studying": [
        ("2021-03", 3, "Laboratory Technician"),
        ("2021-03", 1, "Human Resources"),
        ("2021-03", 21, "Custodial Care"),
        ("2021-03", 25),
    ],
    "esf_first_project_outcomes": [("2021-03", 2200)],
    "youth_commissioners": [("2021-03", 45)],
    "fraud_campaign_reached": [("2019-05", 3737)],
    "fraud_campaign_roi": [("2019-05", 8)],
    "fraud_campaign_savings": [("2019-05", 380000)],
    "vwi_injury_ytd_change": [("2021-03", 2.0)],
    "dv_ytd_change": [("2021-03", 38.0)],
    "hate_crime_ytd_change": [("2021-03", 40.0)],
    # Indicators 8 and 12
    "victims_completed": [("2020", 2497)],
    "violent_crime": [("2018/19", 61200), ("2019/20", 72216)],
}


def crimes(rate: float, area: str) -> int:
    """The recorded crimes that give `rate` per 1,000 of the area's population."""
    return round(rate * POPULATION[area] / 1000)


def area(name: str) -> str:
    return "" if name == "West Midlands" else name  # the paper's own area is the default


def rows():
    for fy, values in HIDDEN_CRIMES.items():
        for kind, total in zip(TYPES, values):
            if total is not None:
                yield (f"hidden_{kind}", fy, total, "")
    for fy, values in HIDDEN_NON_CRIME.items():
        for kind, total in zip(TYPES, values):
            yield (f"noncrime_{kind}", fy, total, "")
    for year, values in COMPLAINTS.items():
        for kind, total in zip(("complaint", "conduct", "miscellaneous", "other"), values):
            yield (f"complaints_{kind}", str(year), total, "")
    for name, population in POPULATION.items():
        yield ("population", "2019", population, area(name))
    for name, rate in CRIME_RATE.items():
        yield ("crime_rate", "year ending September 2020", crimes(rate, name), area(name))
    yield (
        "crime_rate",
        "year ending June 2020",
        crimes(WEST_MIDLANDS_JUNE_2020, "West Midlands"),
        "",
    )
    # victim satisfaction survey, by calendar year (no surveys in February or April 2020)
    # 2017 and 2018: ILLUSTRATIVE, so that 2017 to 2019 average the published "around 4,200" a month
    for year, invited in ((2017, 50990), (2018, 51786), (2019, 48428)):
        yield ("victims_invited_month_avg", str(year), round(invited / 12, 1), "")
    yield ("victims_invited", "2019", 48428, "")
    yield ("victims_invited", "2020", 39507, "")
    for year, rate in ((2019, 9.6), (2020, 6.3)):
        yield ("victims_response_rate", str(year), rate, "")
    for year, answers, satisfied, pct in (
        (2018, 3081, 1412, 45.8),
        (2019, 3806, 1793, 47.1),
        (2020, 1916, 819, 42.7),
    ):
        yield ("victims_answers", str(year), answers, "")
        yield ("victims_satisfied", str(year), satisfied, "")
        yield ("victims_satisfied_pct", str(year), pct, "")
    for name, data in PUBLISHED.items():
        for datum in data:
            period, value, where = (*datum, "")[:3]
            yield (name, period, value, area(where) if where else "")
    # indicator 12, illustrative
    for name, totals in (
        ("burglary_residential", (13200, 15100, 14900, 14000, 9800)),
        ("burglary_business", (6900, 5400, 5100, 4800, 3600)),
        ("robbery", (6600, 8300, 9000, 8100, 6200)),
    ):
        for fy, total in zip(FINANCIAL_YEARS, totals):
            yield (name, fy, total, "")


def main() -> None:
    with open(HERE / "measures.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["measure", "period", "value", "area"])
        for row in rows():
            writer.writerow(row)


if __name__ == "__main__":
    main()
