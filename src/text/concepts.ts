/**
 * A multilingual lexicon of the vocabulary of ceasefires, peace agreements and their implementation,
 * used to compare two versions written in different languages (./similarity.ts, cross-lingual
 * features): each word listed under a concept, in any of the languages Accord reads, is read as that
 * concept. A word may stand for two concepts ("ceasefire" = cease + fire, as "прекращение огня",
 * "alto el fuego" and "وقف إطلاق النار" are written in two words). Words are written in a common form
 * and matched by stem (./languages.ts), so one inflection per word is usually enough.
 *
 * The lexicon is about kinds of provisions, not about any one process: it names no party, person or
 * place. Names are met across scripts by their consonant skeletons instead.
 */
import { foreignStem, foldWord, type Language } from './languages.js';

/**
 * One concept per line: `name | en | fr | es | pt | ru | uk | ar`, words separated by spaces.
 */
const TABLE = `
cease | cease cessation halt stop suspend suspension ceasefire truce armistice | cesser cessation arrêt arrêter suspension cessez trêve armistice | cese cesar alto detener suspensión tregua armisticio | cessar cessação suspensão parar trégua armistício | прекращение прекратить прекращают остановка приостановление перемирие | припинення припинити припиняють зупинення перемир'я | وقف إيقاف توقف تعليق هدنة
fire | fire firing ceasefire truce armistice | feu tirs trêve armistice | fuego tregua armisticio disparos | fogo disparos trégua armistício | огонь огня перемирие стрельба | вогонь вогню перемир'я стрілянина | نار النار إطلاق هدنة
hostility | hostilities hostility fighting combat clashes | hostilités combats affrontements | hostilidades combates enfrentamientos | hostilidades combates confrontos | боевые боевых столкновения | бойові бойових зіткнення | العدائية القتال الاشتباكات عدائية
war | war conflict | guerre conflit | guerra conflicto | guerra conflito | война войны конфликт | війна війни конфлікт | الحرب حرب النزاع الصراع
peace | peace peaceful peacekeeping peacekeepers | paix pacifique | paz pacífico pacífica | paz pacífico pacífica | мир мира мирный мирного миротворческий миротворцы | мир миру мирний миротворчий миротворці | السلام سلام سلمي
peacekeeping | peacekeeping peacekeepers peacekeeper | maintien casques | mantenimiento cascos | manutenção capacetes | миротворческий миротворческого миротворцы миротворцев | миротворчий миротворці миротворців | حفظ
agreement | agreement accord pact deal treaty memorandum arrangement | accord traité entente protocole | acuerdo tratado pacto convenio | acordo tratado pacto | соглашение договор договорённость меморандум | угода договір домовленість меморандум | اتفاق اتفاقية معاهدة مذكرة
agree | agree agreed consent accept | convenir convenu accepter | acordar acordado convenir aceptar | acordar acordado concordar aceitar | согласовать согласованы договориться согласие | погодити погоджено домовитися згода | يتفق وافق متفق الاتفاق
statement | statement declaration communique announce announcement | déclaration communiqué annonce | declaración comunicado anuncio | declaração comunicado anúncio | заявление декларация объявить | заява декларація оголосити | بيان إعلان
party | party parties side sides | partie parties | parte partes | parte partes | сторона стороны сторон | сторона сторони сторін | الطرف الطرفان الأطراف طرف
forces | forces force troops army military armed soldiers units | forces troupes armée militaire militaires armées soldats unités | fuerzas tropas ejército militar militares armadas soldados unidades | forças tropas exército militar militares armadas soldados unidades | войска войск силы вооружённые военные армия военнослужащие подразделения | війська військ сили збройні військові армія підрозділи | القوات قوات الجيش الجنود عسكرية العسكرية المسلحة الوحدات
withdraw | withdraw withdrawal pull leave retreat | retrait retirer retirent | retirada retiro retirar | retirada retirar | отвод вывод отвести вывести отходят отход | відведення виведення відвести вивести | انسحاب الانسحاب سحب تنسحب
deploy | deploy deployment deployed station stationed | déploiement déployer déployé | despliegue desplegar | destacamento implantação desdobramento | развёртывание развёртываются размещение | розгортання розміщення | نشر انتشار
prisoner | prisoner prisoners detainee detainees captive captives hostage hostages pows | prisonniers prisonnier détenus otages captifs | prisioneros prisionero detenidos rehenes presos | prisioneiros detidos reféns presos | военнопленных военнопленные пленных пленные заложников задержанных заключённых | військовополонених полонених заручників затриманих | الأسرى أسرى المعتقلين المحتجزين الرهائن السجناء
exchange | exchange swap | échange échanger | intercambio canje | troca intercâmbio | обмен обмениваются | обмін | تبادل
release | release free freed | libération libérer libérés | liberación liberar liberados | libertação libertar libertados | освобождение освободить | звільнення звільнити | الإفراج إطلاق سراح
body | bodies remains dead corpses | corps dépouilles | cuerpos restos cadáveres | corpos restos cadáveres | тел тела останков погибших | тіл тіла загиблих | الجثث جثث الرفات
refugee | refugees refugee displaced idps | réfugiés déplacés | refugiados desplazados | refugiados deslocados | беженцы беженцев перемещённые переселенцы | біженці біженців переміщені переселенці | اللاجئين لاجئين النازحين النازحون
return | return returned returning | retour retourner restitution | retorno regreso devolución devolver | retorno regresso devolução | возвращение возвращаются возврат вернуть | повернення повернути | عودة العودة إعادة
humanitarian | humanitarian aid relief assistance | humanitaire aide assistance | humanitaria humanitario ayuda asistencia | humanitária humanitário ajuda assistência | гуманитарный гуманитарной гуманитарного помощь | гуманітарний гуманітарна допомога | الإنسانية إنسانية المساعدات مساعدات
mediate | mediation mediator mediate mediated facilitation | médiation médiateur | mediación mediador | mediação mediador | посредничество посредничестве посредник | посередництво посередник | وساطة الوساطة الوسيط
monitor | monitoring monitor monitors observers oversight verification verify supervision control | surveillance observateurs vérification contrôle supervision | supervisión monitoreo verificación observadores control vigilancia | monitoramento verificação observadores supervisão controle | контроль наблюдение мониторинг наблюдатели проверка | контроль моніторинг спостереження спостерігачі | مراقبة المراقبة مراقبين الرقابة التحقق
negotiation | negotiations negotiation talks dialogue consultations | négociations pourparlers dialogue | negociaciones conversaciones diálogo | negociações conversações diálogo | переговоры переговоров диалог консультации | переговори діалог консультації | مفاوضات المفاوضات محادثات حوار مشاورات
settlement | settlement resolution solution | règlement solution résolution | solución arreglo | solução resolução | урегулирование урегулирования решение | врегулювання рішення | تسوية حل
begin | begin start launch commence | commencer début lancer entamer | iniciar comenzar inicio | iniciar começar início | начать начало приступить начнут | розпочати початок | بدء بدأ البدء
terms | parameters terms conditions details modalities | paramètres conditions modalités | parámetros condiciones modalidades | parâmetros condições modalidades | параметры условия | параметри умови | شروط معايير تفاصيل
territory | territory territorial region area districts district | territoire région zone district | territorio región zona distrito | território região zona distrito | территория территории район района области регион | територія району області регіон | الأراضي أراضي منطقة المنطقة الإقليم
border | border frontier boundary line | frontière ligne | frontera línea | fronteira linha | граница линия соприкосновения | кордон лінія | الحدود حدود خط
corridor | corridor road route highway transit | corridor route | corredor carretera ruta | corredor estrada rota | коридор дорога маршрут трасса | коридор дорога маршрут | ممر طريق
transport | transport communications links traffic movement | transport communications circulation | transporte comunicaciones circulación tránsito | transporte comunicações circulação | транспорт транспортные коммуникации | транспорт комунікації сполучення | النقل المواصلات الاتصالات
open | unblock open reopen opening | ouvrir ouverture débloquer | abrir apertura desbloquear | abrir abertura desbloquear | разблокировать разблокирование открыть открытие | розблокувати відкрити | فتح
security | security safety safe secure | sécurité sûreté | seguridad | segurança | безопасность безопасности | безпека | الأمن أمن سلامة
guarantee | guarantee guarantees assurance ensure | garantie garantir assurer | garantía garantizar asegurar | garantia garantir assegurar | гарантии гарантия обеспечить обеспечение | гарантії гарантія забезпечити | ضمانات ضمان
government | government authorities administration state | gouvernement autorités administration état | gobierno autoridades administración estado | governo autoridades administração estado | правительство власти администрация государство | уряд влада адміністрація держава | الحكومة حكومة السلطات الدولة
election | election elections vote ballot referendum poll | élections scrutin vote référendum | elecciones votación referéndum | eleições votação referendo | выборы голосование референдум | вибори голосування референдум | انتخابات الانتخابات استفتاء تصويت
constitution | constitution constitutional | constitution constitutionnel | constitución constitucional | constituição constitucional | конституция конституции | конституція | الدستور دستور
amnesty | amnesty pardon | amnistie | amnistía indulto | anistia amnistia | амнистия | амністія | العفو عفو
justice | justice tribunal court accountability | justice tribunal | justicia tribunal jurisdicción | justiça tribunal | правосудие суд | правосуддя суд | العدالة محكمة
victim | victims victim | victimes | víctimas | vítimas | жертвы пострадавших | жертви постраждалих | الضحايا ضحايا
weapon | weapons arms heavy equipment | armes équipements | armas equipos | armas equipamentos | оружие вооружения техника | зброя озброєння техніка | الأسلحة سلاح
disarm | disarmament disarm demobilization reintegration | désarmement démobilisation réintégration | desarme desmovilización reintegración reincorporación | desarmamento desmobilização reintegração | разоружение демобилизация | роззброєння демобілізація | نزع تسريح
land | land rural agrarian agricultural farmers | terres rurale agraire | tierras rural agraria agrario campesinos | terras rural agrária camponeses | земли сельских аграрной | землі сільських | الزراعية ريفية
drugs | drugs illicit crops narcotics trafficking | drogues illicites cultures | drogas ilícitos cultivos narcotráfico | drogas ilícitas cultivos narcotráfico | наркотики | наркотики | المخدرات
political | political participation politics | politique participation | política participación | política participação | политический политического участие | політичний участь | السياسية المشاركة
implement | implementation implement execution | application exécution | implementación ejecución aplicación | implementação execução aplicação | выполнение осуществление реализация исполнение | виконання здійснення реалізація | تنفيذ التنفيذ
body_joint | committee commission mechanism council group | comité commission mécanisme conseil groupe | comité comisión mecanismo consejo grupo | comitê comissão mecanismo conselho grupo | комитет комиссия механизм совет группа | комітет комісія механізм рада група | لجنة اللجنة آلية مجلس فريق
international | international global | international internationale | internacional | internacional | международный международного международной | міжнародний міжнародного | الدولية دولي
un | un nations | onu nations | onu naciones | onu nações | оон наций | оон націй | الأمم
redcross | icrc red cross | cicr croix | cicr cruz roja | cicv cruz vermelha | мккк красного креста | мкчх червоного хреста | الصليب الأحمر
day | day days | jour jours | día días | dia dias | день дня дней сутки суток | день дні днів доба | يوم أيام
hour | hour hours | heure heures | hora horas | hora horas | час часа часов | година годин | ساعة الساعة ساعات
week | week weeks | semaine semaines | semana semanas | semana semanas | неделя недели недель | тиждень тижня тижнів | أسبوع أسابيع
month | month months | mois | mes meses | mês meses | месяц месяца месяцев | місяць місяця місяців | شهر أشهر
year | year years | année ans | año años | ano anos | год года лет | рік року років | سنة عام
period | deadline period timeframe within | délai période | plazo período | prazo período | срок период | строк період | مهلة فترة
complete | complete comprehensive full total | complet total intégral global | completo total integral | completo total integral | полное полного всеобъемлющий | повне повного всеосяжний | الكامل شامل كامل
immediate | immediate immediately | immédiat immédiatement | inmediato inmediatamente | imediato imediatamente | немедленно незамедлительно немедленное | негайно негайне | فوري فورا الفوري
city | city town | ville | ciudad | cidade | город | місто | مدينة
port | port ports harbour harbor | port ports | puerto puertos | porto portos | порт порты | порт порти | ميناء موانئ
civilian | civilians civilian population residents | civils population habitants | civiles población habitantes | civis população habitantes | население гражданские жители | населення цивільні жителі | المدنيين السكان
protect | protect protection | protection protéger | protección proteger | proteção proteger | защита защищать | захист захищати | حماية
economy | economic economy trade | économique économie commerce | económico economía comercio | econômico economia comércio | экономический экономика торговля | економічний економіка торгівля | الاقتصاد اقتصادية التجارة
sanction | sanctions sanction | sanctions | sanciones | sanções | санкции | санкції | العقوبات عقوبات
rebuild | reconstruction rebuild recovery | reconstruction | reconstrucción | reconstrução | восстановление | відновлення | الإعمار
development | development investment | développement investissement | desarrollo inversión | desenvolvimento investimento | развитие инвестиции | розвиток інвестиції | التنمية الاستثمار
services | services | services | servicios | serviços | услуги | послуги | الخدمات
respect | respect comply compliance observe adhere | respecter respect | respetar cumplir cumplimiento | respeitar cumprir | соблюдать соблюдение соблюдения | дотримання дотримуватися | احترام
commit | commit commitment commitments pledge undertake obligations | engager engagement engagements obligations | comprometer compromiso compromisos obligaciones | comprometer compromisso obrigações | обязательства обязуются | зобов'язання зобов'язуються | التزام تلتزم يلتزم الالتزام
recognise | recognize recognition acknowledge | reconnaître reconnaissance | reconocer reconocimiento | reconhecer reconhecimento | признать признание | визнати визнання | الاعتراف
sovereignty | sovereignty integrity independence | souveraineté intégrité indépendance | soberanía integridad independencia | soberania integridade independência | суверенитет целостность независимость | суверенітет цілісність незалежність | السيادة الاستقلال
foreign | foreign external | étrangères étrangers extérieur | extranjeras extranjeros externas | estrangeiras estrangeiros externas | иностранные иностранных внешние | іноземні зовнішні | الأجنبية
terror | terrorism terrorist terrorists | terrorisme terroristes | terrorismo terroristas | terrorismo terroristas | терроризм террористы террористических | тероризм терористи | الإرهاب إرهابية الإرهابية
attack | attack attacks threat threats aggression | attaque attaques menace agression | ataque ataques amenaza agresión | ataque ataques ameaça agressão | нападение атака угроза агрессия | напад атака загроза агресія | هجوم الهجمات تهديد العدوان
prevent | prevent prohibit ban refrain | empêcher interdire interdiction abstenir | impedir prohibir abstenerse | impedir proibir abster | предотвращать запрещать запрет воздерживаться | запобігати заборона | منع يمنع حظر
meeting | meeting meet summit | réunion rencontre sommet | reunión encuentro cumbre | reunião encontro cúpula | встреча встречи саммит | зустріч саміт | اجتماع لقاء قمة
leader | president leader leaders | président dirigeant dirigeants | presidente líder líderes | presidente líder líderes | президент лидер лидеры | президент лідер лідери | رئيس الرئيس
minister | minister ministers ministry | ministre ministres ministère | ministro ministros ministerio | ministro ministros ministério | министр министры министерство | міністр міністри міністерство | وزير وزراء وزارة
joint | joint | conjoint commun commune | conjunto común | conjunto comum | совместный совместно совместного | спільний спільно | مشترك مشتركة
centre | center centre | centre | centro | centro | центр | центр | مركز
cooperation | cooperation cooperate | coopération coopérer | cooperación cooperar | cooperação cooperar | сотрудничество | співпраця | تعاون التعاون
support | support assist help | soutien appui soutenir | apoyo apoyar | apoio apoiar | поддержка поддержать | підтримка підтримати | دعم
reduce | reduce reduction deescalation | réduction réduire désescalade | reducción reducir desescalada | redução reduzir | снижение деэскалация сокращение | зниження деескалація скорочення | خفض تخفيف التصعيد
violation | violation violations breach breaches | violation violations | violación violaciones | violação violações | нарушение нарушения | порушення | انتهاك انتهاكات خرق
law | law legal legislation | loi légal législation | ley legal legislación | lei legal legislação | закон законодательство правовой | закон законодавство правовий | القانون قانون
rights | rights | droits | derechos | direitos | права прав | права прав | حقوق
status | status | statut | estatuto | estatuto | статус | статус | وضع
women | women gender | femmes genre | mujeres género | mulheres gênero | женщины гендерный | жінки гендерний | المرأة النساء
children | children | enfants | niños | crianças | дети детей | діти дітей | الأطفال
mines | mines landmines demining | mines déminage | minas desminado | minas desminagem | мины разминирование | міни розмінування | الألغام
zone | buffer demilitarized zone | zone démilitarisée tampon | zona desmilitarizada | zona desmilitarizada | зона демилитаризованная буферная | зона демілітаризована буферна | منزوعة عازلة
energy | oil energy | pétrole énergie | petróleo energía | petróleo energia | нефть энергия | нафта енергія | النفط الطاقة
revenue | revenue revenues income | revenus recettes | ingresos rentas | receitas rendimentos | доходы доход | доходи дохід | الإيرادات إيرادات عائدات
salaries | salaries wages | salaires | salarios sueldos | salários | зарплаты заработная | зарплати заробітна | الرواتب رواتب
payment | payment payments pay | paiement paiements | pago pagos | pagamento pagamentos | выплаты выплата оплата | виплати виплата оплата | دفع صرف
north | north northern | nord | norte | norte | север северный | північ північний | شمال
south | south southern | sud | sur | sul | юг южный | південь південний | جنوب
east | east eastern | est oriental | este oriente oriental | leste oriental | восток восточный | схід східний | شرق
west | west western | ouest occidental | oeste occidente occidental | oeste ocidental | запад западный | захід західний | غرب
m01 | january | janvier | enero | janeiro | января январь | січня січень | يناير
m02 | february | février | febrero | fevereiro | февраля февраль | лютого лютий | فبراير
m03 | march | mars | marzo | março | марта март | березня березень | مارس
m04 | april | avril | abril | abril | апреля апрель | квітня квітень | أبريل
m05 | may | mai | mayo | maio | мая май | травня травень | مايو
m06 | june | juin | junio | junho | июня июнь | червня червень | يونيو
m07 | july | juillet | julio | julho | июля июль | липня липень | يوليو
m08 | august | août | agosto | agosto | августа август | серпня серпень | أغسطس
m09 | september | septembre | septiembre | setembro | сентября сентябрь | вересня вересень | سبتمبر
m10 | october | octobre | octubre | outubro | октября октябрь | жовтня жовтень | أكتوبر
m11 | november | novembre | noviembre | novembro | ноября ноябрь | листопада листопад | نوفمبر
m12 | december | décembre | diciembre | dezembro | декабря декабрь | грудня грудень | ديسمبر
`;

const COLUMNS: Language[] = ['en', 'fr', 'es', 'pt', 'ru', 'uk', 'ar'];

/** Stem → concept names, per language. */
export type ConceptIndex = Map<Language, Map<string, string[]>>;

let built: ConceptIndex | null = null;

/**
 * The lexicon indexed by stem for each language. `englishStem` is the stemmer English text is
 * read with (./similarity.ts), so that a listed English word and the word in a text meet.
 */
export function conceptIndex(englishStem: (lower: string) => string): ConceptIndex {
  if (built) return built;
  const index: ConceptIndex = new Map(COLUMNS.map((l) => [l, new Map<string, string[]>()]));
  for (const line of TABLE.split('\n')) {
    if (!line.trim()) continue;
    const cells = line.split('|').map((c) => c.trim());
    const name = cells[0]!;
    COLUMNS.forEach((lang, i) => {
      const m = index.get(lang)!;
      for (const raw of (cells[i + 1] ?? '').split(/\s+/).filter(Boolean)) {
        const word = raw.toLowerCase();
        const st = lang === 'en' ? englishStem(word) : foreignStem(lang, word);
        if (st.length < 2) continue;
        const list = m.get(st) ?? m.set(st, []).get(st)!;
        if (!list.includes(name)) list.push(name);
      }
    });
  }
  built = index;
  return index;
}

/** Lexicon stems of at least this many letters also stand for longer stems they begin ("объяв" for "объявля"). */
export const PREFIX_MATCH = 4;

/**
 * Concept names a stem of `lang` stands for (empty when none): the lexicon entry with that stem,
 * else the longest entry of at least {@link PREFIX_MATCH} letters that the stem begins with
 * (the Snowball stemmers leave some inflections, chiefly of verbs, on the stem); English stems
 * (Porter) only match exactly.
 */
export function conceptsOf(index: ConceptIndex, lang: Language, st: string): readonly string[] {
  const m = index.get(lang);
  if (!m) return NONE;
  const hit = m.get(st);
  if (hit || lang === 'en') return hit ?? NONE;
  for (let k = st.length - 1; k >= PREFIX_MATCH; k--) {
    const h = m.get(st.slice(0, k));
    if (h) return h;
  }
  return NONE;
}

const NONE: readonly string[] = [];

/** Number words of the other languages (English ones are read by ./similarity.ts), folded. */
export const FOREIGN_NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  (
    [
      ['deux dos dois два дві два اثنان اثنين', 2],
      ['trois tres três три три ثلاثة ثلاث', 3],
      ['quatre cuatro quatro четыре чотири أربعة أربع', 4],
      ['cinq cinco cinco пять пʼять п’ять خمسة خمس', 5],
      ['six seis seis шесть шість ستة ست', 6],
      ['sept siete sete семь сім سبعة سبع', 7],
      ['huit ocho oito восемь вісім ثمانية ثماني', 8],
      ['neuf nueve nove девять девʼять تسعة تسع', 9],
      ['dix diez dez десять десять عشرة عشر', 10],
      ['vingt veinte vinte двадцать двадцять عشرين عشرون', 20],
      ['trente treinta trinta тридцать тридцять ثلاثين ثلاثون', 30],
    ] as const
  ).flatMap(([words, n]) => words.split(' ').map((w) => [foldWord(w), n] as const)),
);
