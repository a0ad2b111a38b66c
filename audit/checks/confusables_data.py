"""The lexicon of confusable word groups used by TERM003 (``audit/checks/confusable.py``).

Machine translation through a pivot language (or from a source language whose one
word covers several English words) renders the same source word in different
ways: Chinese 网络 is *network*, *internet* or *cyber*; 三方 is *three*,
*three-party* or *trilateral*; Korean 연합 and 합동 both come out as *joint* or
*combined*; every country's legislature (国会, 국회, parlement, Дума) comes out as
*Congress*, *Parliament* or *National Assembly* whatever its official English
name is.  Each group below lists English words (or short phrases) that one
source word commonly produces; ``source`` names such source words, and is quoted
in findings so that a reviewer sees *why* two words count as confusable.

Two words are confusable when they share a group.  Spelling variants
(:data:`SPELLING`) and inflection (``Chief``/``Chiefs``) are *not* confusions:
the checker treats them as the same word.

The lexicon is general knowledge about translation, not a list of any document's
phrases; it only ever fires together with a glossary entry (see the rule's doc).
Pure data: no imports, no I/O.
"""
from __future__ import annotations

from typing import NamedTuple


class Group(NamedTuple):
    id: str
    words: tuple[str, ...]  # English words or short phrases one source word is rendered as
    source: str  # the source words behind the group, for messages ("zh 网络")


def _g(id: str, words: str, source: str) -> Group:
    return Group(id, tuple(w.strip() for w in words.split(",") if w.strip()), source)


GROUPS: tuple[Group, ...] = (
    # ---- number prefixes and the parties to a forum
    _g("bilateral", "bilateral, two, two-way, two-party, two-nation, two-sided, dual", "zh 双边/两国, ko 양자, ja 二国間"),
    _g("trilateral", "trilateral, three, tripartite, three-way, three-party, three-nation, three-sided, triangular, triple",
       "zh 三方/三边, ko 3자/삼자, ja 三か国/三者"),
    _g("quadrilateral", "quadrilateral, four, quadripartite, quad, four-way, four-party, four-nation, four-sided",
       "zh 四方/四边, ko 4자, ja 四か国"),
    _g("multilateral", "multilateral, multi-party, multiparty, multinational, multi-national, many-sided", "zh 多边/多方, ko 다자, ja 多国間"),
    # ---- institutions
    _g("legislature", "national assembly, congress, parliament, diet, national diet, legislature, assembly, "
       "national congress, national parliament, legislative assembly",
       "zh 国会/议会, ja 国会, ko 국회, fr parlement/Assemblée nationale, ru парламент/Дума"),
    _g("ministry", "ministry, department", "zh 部, ja 省, ko 부"),
    _g("agency", "agency, bureau, administration, office, service, directorate", "zh 局/署/厅, ja 庁/局, ko 청/국"),
    _g("minister", "minister, secretary", "zh 部长, ko 장관, ja 大臣/長官"),
    _g("ministerial", "ministerial, minister-level, ministers", "zh 部长级, ko 장관급"),
    _g("committee", "committee, commission, council, board", "zh 委员会/理事会, ko 위원회, ja 委員会/評議会"),
    _g("headquarters", "command, headquarters, hq", "zh 司令部/指挥部, ko 사령부, ja 司令部"),
    _g("forces", "forces, troops, army, military, armed forces", "zh 部队/军队, ko 군/부대, ja 軍/部隊"),
    _g("vice", "vice, deputy", "zh 副, ko 부/차, ja 副"),
    _g("general", "general, chief, overall, supreme", "zh 总, ko 총, ja 総"),
    _g("standing", "standing, permanent", "zh 常设/常务/常任, ko 상임/상설"),
    _g("police", "police, public security", "zh 公安/警察, ko 경찰"),
    _g("prosecutor", "prosecution, prosecutor, procuratorate, procurator", "zh 检察, ko 검찰"),
    _g("court", "court, tribunal", "zh 法院/法庭, ko 법원"),
    _g("alliance", "alliance, union, league, coalition", "zh 同盟/联盟, ko 동맹/연맹"),
    _g("base", "base, camp, garrison, post, barracks", "zh 基地/营地/驻地/兵营, ko 기지/캠프/주둔지/병영, ja 基地/駐屯地/兵舎"),
    _g("coast_guard", "coast guard, coastguard, maritime guard, maritime police, marine police, maritime safety agency",
       "zh 海警/海上保安厅, ja 海上保安庁, ko 해양경찰/해경"),
    _g("reef", "reef, shoal, atoll, cay", "zh 礁/暗沙/浅滩, ko 암초/초, ja 礁/環礁"),
    _g("airfield", "air base, airbase, airfield, airport, air station", "zh 机场/空军基地, ko 비행장/공군기지, ja 飛行場/航空基地"),
    # ---- modifiers of names
    _g("cyber", "cyber, network, internet, online", "zh 网络"),
    _g("joint", "joint, combined, united, allied", "zh 联合, ko 연합/합동, ja 統合/共同/連合"),
    _g("integrated", "integrated, comprehensive, overall, all-round, general", "zh 综合/全面, ko 통합/종합, ja 統合/総合"),
    _g("counter", "counter, anti, countering, combating", "zh 反, ko 대(對)/반(反), ru противо-, fr contre/anti-"),
    _g("operational", "operational, combat, operations, operation, warfighting, battle", "zh 作战, ko 작전, ja 作戦"),
    _g("extended", "extended, expanded, enlarged, broadened", "zh 扩大/扩展/延伸, ko 확장/확대"),
    _g("consultative", "consultative, consultation, consultations, consulting", "zh 磋商/协商, ko 협의, ja 協議"),
    _g("awareness", "awareness, perception, cognition, recognition", "zh 感知/认知/意识, ko 인식, ja 認識"),
    _g("security", "security, safety", "zh 安全, ja 安全/安保, ko 안전/안보, fr sécurité, es seguridad"),
    _g("protection", "defense, defensive, protection", "zh 防卫/防御/保护, ko 방위/방어/보호"),
    _g("cooperation", "cooperation, cooperative, collaboration, collaborative", "zh 合作/协作, ko 협력, ja 協力"),
    _g("national", "national, state", "zh 国家/国, ko 국가, ja 国家"),
    _g("strategy", "strategy, strategic", "zh 战略, ko 전략, ja 戦略 (a noun used as a modifier)"),
    _g("technology", "technology, technological, technical, technique", "zh 技术, ko 기술"),
    _g("foreign", "foreign, external, diplomatic", "zh 外交/对外, ja 外務, ko 외교"),
    _g("interior", "interior, internal, home", "zh 内务/内政, ko 내무"),
    _g("affairs", "affairs, matters, business", "zh 事务, ko 업무/사무"),
    _g("unification", "unification, reunification", "zh 统一, ko 통일"),
    _g("special", "special, extraordinary, particular", "zh 特别, ko 특별, ja 特別"),
    _g("emergency", "emergency, contingency, crisis, urgent", "zh 紧急/应急, ko 비상/긴급"),
    _g("tailored", "tailored, customized, custom, bespoke", "zh 量身定制/定制, ko 맞춤형"),
    _g("full", "full, complete, total, entire", "zh 完全/全面, ko 완전"),
    _g("initial", "initial, preliminary, early", "zh 初始/初步, ko 초기"),
    _g("terminal", "terminal, final, end-stage", "zh 末端/末段"),
    _g("maritime", "maritime, sea, ocean, marine", "zh 海上/海洋, ja 海上/海洋, ko 해상/해양"),
    _g("naval", "naval, navy, maritime", "zh 海军/海上, ja 海上/海軍, ko 해군/해상"),
    _g("air", "air, aerial, aviation", "zh 航空/空中, ja 航空, ko 항공/공중"),
    _g("ground", "ground, land", "ja 陸上, zh 陆上/陆地, ko 지상/육상"),
    _g("nuclear", "nuclear, atomic", "zh 核, ja 原子力/核, ko 핵/원자력"),
    _g("mass", "mass, large-scale, massive", "zh 大规模, ko 대량"),
    _g("inter-korean", "inter-korean, north-south, south-north", "ko 남북, zh 南北/朝韩"),
    # ---- what a forum, plan or agreement is called
    _g("agreement", "agreement, accord, treaty, pact, convention", "zh 协定/协议/条约, ko 협정/조약, ja 協定/条約, ru договор/соглашение"),
    _g("dialogue", "dialogue, talks, conversation", "zh 对话/会谈, ko 대화/회담, ja 対話/会談"),
    _g("meeting", "meeting, conference, session, talks", "zh 会议/会谈, ko 회의/회담, ja 会議/会合"),
    _g("summit", "summit, leaders meeting, top-level talks", "zh 首脑会谈/峰会, ko 정상회담"),
    _g("guidance", "guidance, guidelines, guideline, guide", "zh 指南/指导方针, ko 지침, ja 指針"),
    _g("plan", "plan, planning, program, project, scheme", "zh 计划/规划/方案, ko 계획, ja 計画"),
    _g("initiative", "initiative, proposal, vision", "zh 倡议/构想, ko 구상"),
    _g("exercise", "exercise, drill, training, maneuver", "zh 演习/演练/训练, ko 연습/훈련, ja 演習/訓練"),
    _g("tabletop", "tabletop, desktop, map", "zh 桌面推演/兵棋推演, ko 도상연습"),
    _g("measures", "measures, steps, actions", "zh 措施, ko 조치"),
    _g("commitment", "commitment, pledge, promise", "zh 承诺, ko 공약/약속"),
    _g("assurance", "assurance, guarantee", "zh 保障/保证, ko 보장/보증"),
    _g("posture", "posture, stance, readiness", "zh 态势, ko 태세"),
    _g("status", "status, position", "zh 地位, ko 지위"),
    _g("transition", "transition, transfer, handover, conversion", "zh 转换/移交, ko 전환/이양"),
    _g("research", "research, study", "zh 研究, ko 연구"),
    _g("assistance", "assistance, aid, support, relief", "zh 援助/支援/救援, ko 지원"),
    _g("reduction", "reduction, cut, decrease", "zh 削减/减少, ko 감축/감소"),
    _g("armistice", "armistice, ceasefire, cease-fire, truce", "zh 停战/停火, ko 정전/휴전"),
    _g("denuclearization", "denuclearization, nuclear-free, non-nuclear", "zh 无核化, ko 비핵화"),
    # ---- military and security vocabulary
    _g("deterrence", "deterrence, deterrent, containment, restraint", "zh 威慑/遏制, ko 억제/억지, ja 抑止"),
    _g("capability", "capability, capacity, ability", "zh 能力, ko 능력/역량"),
    _g("weapons", "weapons, arms, armaments, weaponry", "zh 武器/军备, ko 무기, ru оружие/вооружение"),
    _g("destruction", "destruction, killing, lethality", "zh 杀伤/毁灭, ko 살상/파괴"),
    _g("missile", "missile, rocket", "zh 导弹/飞弹, ru ракета"),
    _g("intelligence", "intelligence, information, reconnaissance", "zh 情报, ko 정보, ru разведка, fr renseignement"),
    _g("surveillance", "surveillance, monitoring, observation", "zh 监视/监测/监控, ko 감시"),
    _g("limit", "limit, boundary, demarcation", "zh 界线/限界, ko 한계/경계"),
    _g("border", "border, frontier, boundary", "zh 边境/边界/国境, ko 국경"),
    _g("area", "area, region, regional, zone", "zh 区域/地区/地域, ko 지역/구역, ja 地域/区域"),
    _g("theater", "theater, war zone, battle zone", "zh 战区, ko 전구"),
    _g("ship", "ship, vessel, boat", "zh 舰/船/艇, ko 함/선박"),
    _g("aircraft", "aircraft, airplane, plane", "zh 飞机/航空器, ko 항공기"),
)

#: British/American spelling pairs: the same word, never a confusion
SPELLING: dict[str, str] = {
    "defence": "defense", "theatre": "theater", "programme": "program", "manoeuvre": "maneuver",
    "customised": "customized", "dialog": "dialogue", "centre": "center", "organisation": "organization",
    "labour": "labor", "harbour": "harbor", "armour": "armor", "favour": "favor", "honour": "honor",
    "offence": "offense", "licence": "license", "judgement": "judgment", "authorisation": "authorization",
    "modernisation": "modernization", "stabilisation": "stabilization", "denuclearisation": "denuclearization",
}
