/**
 * Names for the synthetic population, by origin, each list roughly in order of frequency (the
 * generator draws from it with a Zipf-like weighting, most common first). The shares are those of
 * a large, mixed English urban council; they are illustrative, not census figures.
 *
 * Diversity matters as much as the commonest names: with short lists, two different people with
 * the same given and family name (namesakes) become far more common than in a real index, and no
 * matcher can tell them apart. So:
 * - Surnames have a long tail where the real population has one. Most origins' surnames are built
 *   from parts (English place names, Polish -owski/-owicz, Yoruba Ade-/Ola- compounds, Turkish
 *   Kara-/Öz- compounds, Lithuanian -auskas/-aitis, Scottish and Irish Mac/Mc/O'), and the tails
 *   are composed the same way. Origins whose surnames really are concentrated (Pakistani,
 *   Bangladeshi, Welsh, Portuguese, Somali, Chinese) keep a short list with a modest tail. The
 *   listed names stay the commonest; the order within a tail is not meant as a frequency order.
 * - Given names follow the birth cohort: the parents' generation was named from a different list
 *   (Sarah, Claire, Lisa; David, Paul, Mark) than children born since the late 1990s (Olivia,
 *   Amelia; Oliver, Noah). `olderBoys`/`olderGirls` are the parents' lists; see olderShare.
 * English lists keep many names the nickname table knows (William/Bill, Deborah/Debbie), since the
 * benchmark's "nickname" corruption can only use those.
 */
export interface Origin {
  name: string;
  share: number;
  surnames: string[];
  /** Given names of people born from about 1995 (children, and the youngest parents). */
  boys: string[];
  girls: string[];
  /** Given names of people born before about 1995, where they differ (most parents). */
  olderBoys?: string[];
  olderGirls?: string[];
}

/**
 * The chance that someone born in `year` was named from the older list: all before 1990, none
 * from 2000, shifting in between (fashions change over years, not on one birthday).
 */
export function olderShare(year: number): number {
  return Math.min(1, Math.max(0, (2000 - year) / 10));
}

const w = (s: string) => s.split(/\s+/).filter(Boolean);

/** The key two spellings of one name share: lower case, accents and Turkish/Polish letters folded. */
const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();

/** The lists one after another, each name once (the first time it appears, case and accents ignored). */
function unique(...lists: ReadonlyArray<readonly string[]>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const name of list) {
      const k = fold(name);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(name);
    }
  }
  return out;
}

/** Every head with every ending, head by head, leaving out the combinations listed in `except`. */
function compose(heads: string, endings: string, except = ''): string[] {
  const skip = new Set(w(except));
  return w(heads).flatMap((h) => w(endings).map((e) => h + e)).filter((n) => !skip.has(n));
}

/** Heads each with their own endings: "Eze: ani nwa; Obi: ora nna" is Ezeani Ezenwa Obiora Obinna. */
function pairs(spec: string): string[] {
  return spec.split(';').flatMap((part) => {
    const [head, endings] = part.split(':') as [string, string];
    return w(endings).map((e) => head.trim() + e);
  });
}

/** Two-syllable pinyin given names written as one word (Zihan, Haoran); no syllable twice. */
function pinyin(firsts: string, seconds: string): string[] {
  return w(firsts).flatMap((a) => w(seconds).filter((b) => b !== a.toLowerCase()).map((b) => a + b));
}

/** A long tail of English place-name surnames (Ashworth, Bradley, Thornton...), as real surname lists have. */
const ENGLISH_TAIL = (() => {
  const heads = w(`Ash Brad Brom Cal Carl Chad Cliff Craw Dal Dar Fair Fen Gar Hal Har Hay Hol Kirk Lang Lin Marl Mid Nor Ox Pem Ray Rid Rut Sal
    Shel Stan Stock Sut Thorn Tun Wal Wes Whit Wim Win Brook Cran Hart Moss Pen Rock Sand Bur Crom Dun`);
  const tails = w('ley ton ford well wood worth field ham by combe more stone bridge dale hurst wick cott land den shaw ridge borough ock ington');
  return heads.flatMap((h) => tails.map((t) => h + t));
})();

const ENGLISH_SURNAMES = w(`Smith Jones Williams Taylor Brown Davies Wilson Evans Thomas Johnson Roberts Walker Wright Robinson Thompson White Hughes Edwards Green Hall
  Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell
  James Anderson Phillips Lee Bell Parker Davis Bennett Cook Carter Shaw Collins Richardson Mason Hunt Chapman Marshall Holmes Stevens Fisher Dixon Webb
  Ellis Palmer Cox Mills Barnes Knight Lloyd Butler Russell Barker Fletcher Stone Porter Hudson Riley Gibson Lawrence Pearson Booth Kelly Hart Cole Fox
  Atkinson Gray Bailey Dawson Rose Pearce Holland Ryan Andrews Bradley Burton Nicholson Fowler Hamilton Lowe Newman Barrett Simpson Chambers Payne Foster`).concat(ENGLISH_TAIL);

/** The names in turn, one from each list, then the next from each: neither list crowds out the other. */
function interleave(...lists: ReadonlyArray<readonly string[]>): string[] {
  const out: string[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

const SOMALI_BOYS = w(`Abdirahman Abdullahi Mohamed Ahmed Hassan Ali Yusuf Ayanle Guled Khalid Abdikarim Mahad Bashir Liban Zakariye Hamza Idris Sharmarke
  Abdirizak Abdiwali Abdinasir Abdiaziz Abdifatah Abdulkadir Abdisalam Abdiqani Abdirashid Mukhtar Hirsi Faisal Saed Ilyas Mahamed Hussein Omar Osman
  Ismail Adan Jama Farah Warsame Bile Dahir Elmi Farhan Ibrahim Nuur Qasim Sakariye Sulayman Yonis Ayub Awil Dalmar Mahdi Musse Roble Samatar
  Siyad Yasin Ugaas Barkhad Caydiid Fiqi Galaal Hersi Keynan Magan Nageeye Shuke Waberi`);

/** Scottish Gaelic patronymics, written both Mac and Mc (MacArthur, McArthur), after the commonest. */
const SCOTTISH_MAC = compose(
  'Mac Mc',
  `Donald Leod Kenzie Kay Lean Intosh Gregor Pherson Farlane Kinnon Millan Neil Allister Arthur Aulay Bain Bean Beth Bride Callum Clure
   Coll Connachie Cormick Crae Crimmon Culloch Diarmid Dougall Dowall Duff Eachern Ewan Fadyen Fie Gill Gillivray Glashan Gowan Innes Iver
   Kechnie Kellar Kendrick Kerrow Kie Killop Kinlay Lachlan Laren Lellan Lennan Lintock Lure Master Morran Murchie Murdo Nab Naughton Nair
   Nicol Niven Onie Phail Quarrie Queen Rae Ritchie Robbie Taggart Tavish Vicar Whirter William Corquodale Ilwraith Indoe Alpine Askill`,
).sort((a, b) => fold(a.replace(/^Ma?c/, '')).localeCompare(fold(b.replace(/^Ma?c/, ''))));

/** Lowland and other Scottish surnames (many shared with England, as in Scotland). */
const SCOTTISH_LOWLAND = w(`Thomson Smith Brown Wilson Anderson Scott Mitchell Watson Young Walker Davidson Gray Johnston Hamilton Graham Simpson
  Russell Gibson Wallace Marshall Stevenson Sutherland Muir Milne Dickson Bruce Crawford Docherty Millar Cunningham Williamson Fleming Christie
  Donaldson Forbes Jamieson Aitken Baxter Blair Boyd Brodie Cochrane Dalziel Dunbar Erskine Galbraith Gilchrist Haig Houston Inglis
  Kinnaird Laidlaw Lamont Lindsay Lockhart Logan Lyall Moffat Napier Ogilvie Pringle Rankin Ramsay Renwick Scobie Semple Shearer
  Somerville Strachan Tait Urquhart Wishart Aird Barclay Buchan Carmichael Chalmers Crichton Cruickshank Dalgleish Dewar Dunlop Fairbairn Gilmour
  Guthrie Haldane Imrie Kilpatrick Kinloch Lauder Lennox Livingstone Menzies Moncrieff Pollock Rutherford Smillie Tennant Turnbull Veitch
  Waddell Wemyss Yule Abernethy Anstruther Ballantyne Bisset Borthwick Cairns Calder Colquhoun Cowan Dalrymple Darroch Dinwoodie Drysdale Duthie
  Fairlie Gemmell Gillespie Hendry Hislop Innes Jardine Keir Kilgour Laird Lumsden Mather Meikle Moodie Nairn Orr Paton Purdie Rennie Riddell
  Sangster Shand Skene Soutar Stoddart Thorburn Trotter Wardlaw Wylie`);

/** Irish O' names (O'Brien, O'Donovan), after the commonest. */
const IRISH_O = compose(
  "O'",
  `Brien Connor Neill Sullivan Reilly Donnell Donovan Driscoll Dwyer Keeffe Leary Mahony Shea Toole Callaghan Carroll Connell Doherty Farrell
   Flaherty Gorman Grady Hagan Halloran Hanlon Hara Kane Kelly Loughlin Malley Meara Regan Riordan Rourke Shaughnessy Boyle Byrne Dea Dowd Duffy
   Gara Hare Higgins Hora Kearney Mara Neal Rahilly Brennan Casey Cleary Donoghue Flynn Hehir Hegarty Nolan Hanrahan Moore Donohue Herlihy
   Dowling Mahoney`,
);
/** Irish Mc and Mac names (McNamara, MacManus). */
const IRISH_MC = compose(
  'Mc',
  `Carthy Grath Mahon Namara Loughlin Kenna Guinness Dermott Cann Cormack Govern Hugh Manus Nally Gee Donagh Evoy Elroy Ginley Guire Keown Nulty
   Shane Aleer Allister Bride Caffrey Carron Court Crory Cusker Daid Enroe Fadden Geough Goldrick Gowan Keever Laughlin Menamin Neill Quillan Sweeney
   Tiernan Ateer Auley Avoy Breen Cabe Call Carney Cluskey Conville Creesh Crudden Donnell Elhinney Entee Erlean Evitt Feely Gahan Garry Geever
   Gettigan Gill Glynn Grory Gurk Inerney Kiernan Kinney Mullan Namee Nicholl Partland Peake Quaid Shea Sorley Veigh Ardle Closkey Colgan Cready
   Crossan Elhatton Ilroy Kee Keague Kernan Laverty Mackin Mullen Teague Laughlin Caughey Keogh Crystal Gonigle`,
).concat(compose('Mac', 'Namara Carthy Mahon Manus Bride Gowan Dermott Donagh Sweeney Guinness Hugh Cann Grath Kenna'));
/** Irish names without a prefix. */
const IRISH_PLAIN = w(`Kavanagh Dunne Hayes Foley Sheehan Cullen Healy Keogh Fahy Cronin Hogan Kiely Moran Egan Hickey Duffy Dolan Lenihan Tierney Whelan
  Fagan Mulligan Geraghty Hennessy Kinsella Phelan Cassidy Coughlan Hurley Mulcahy Nagle Ahern Mooney Coyle Boland Kearney Carey Dempsey Finnegan
  Gilmartin Lally Mahon Tobin Brady Boyle Farrell Hanrahan Horgan Lenehan Lonergan Madden Mulvey Noonan Nugent Rooney Scanlon Sheridan Sweeney
  Tully Twomey Costello Devine Donnelly Duggan Dwyer Feeney Flynn Galvin Gorman Keating Kehoe Lawlor Mannion Meehan Mulhern Mullen Murtagh
  Quigley Redmond Rafferty Shanahan Slattery Staunton Coakley Conroy Cregan Daly Deasy Diggin Fennelly Fitzpatrick Fitzsimons Garvey Gilligan Hanlon
  Hartigan Heffernan Joyce Kiernan Leahy Lynam Mulrooney Nevin Ormsby Prendergast Shortt Sexton Toomey Tuohy Waldron`);

/** Polish: the commonest, more real ones, then stem + -owski/-owicz/-iak/-ek. */
const POLISH_MORE = w(`Wróbel Kaczmarek Kubiak Wysocki Zawadzki Sikora Baran Duda Szewczyk Tomaszewski Pietrzak Marciniak Wróblewski Zalewski Jakubowski
  Jasiński Sadowski Bąk Chmielewski Włodarczyk Borkowski Czarnecki Sawicki Sokołowski Urbański Maciejewski Szczepański Kucharski Wilk Kalinowski Lis
  Mazurek Adamski Kaźmierczak Wasilewski Sobczak Czerwiński Andrzejewski Cieślak Głowacki Zakrzewski Kołodziej Sikorski Krajewski Gajewski Szymczak
  Baranowski Laskowski Brzeziński Makowski Ziółkowski Przybylski Domański Nowacki Borowski Błaszczyk Chojnacki Ciesielski Mróz Szczepaniak
  Wesołowski Górecki Krupa Kaczmarczyk Leszczyński Lipiński Kowalewski Urbaniak Kozak Kania Mikołajczyk Czajkowski Mucha Tomczak Kozieł Markowski
  Kowalik Nawrocki Brzozowski Janik Musiał Wawrzyniak Markiewicz Orłowski Tomczyk Jarosz Kołodziejczyk Kurek Kopeć Wolski Łuczak Dziedzic
  Stasiak Stankiewicz Piątek Jóźwiak Dobrowolski Pawlak Kruk Domagała Piasecki Wierzbicki Karpiński Jastrzębski Polak Zięba Janicki Wójtowicz
  Stefański Sosnowski Bednarek Majchrzak Bielecki Małecki Sowa Milewski Gajda Klimek Olejniczak Ratajczak Romanowski Matuszewski Śliwiński Madej
  Kasprzak Wilczyński Grzelak Socha Czajka Kowal Bednarczyk Skiba Wrona Owczarek Marcinkowski Matusiak Orzechowski Sobolewski Kędzierski Kurowski
  Rogalski Kaczmarski Szulc Górski Rutkowski Wojciechowski Michalak Zawisza Rybicki Sobieraj Kubacki Kalisz Nowaczyk Wojtczak Gołębiowski`);
/**
 * Stem + -owski/-owicz (-ewski/-ewicz after a soft ending, as Milewski), -iak (-ak after a hard one,
 * as Borak) and -ek (Lisek), leaving out forms that are pet names (Janek, Jurek).
 */
const POLISH_TAIL = (() => {
  const skip = new Set(w('Janek Bronek Radek Marcinek Szymek Witek Wojtek Kubek Stanek Filipek Michalek Kotek Piotrek'));
  return w(`Adam Bor Brzoz Chmiel Czarn Dobr Gaj Grab Jakub Jan Jawor Klim Kos Kot Kozł Krup Kub Kur Las Lip Lis Malin Mazur Mil Mor Orł Pawł
    Piotr Rad Sad Sob Sokoł Stan Wal Wit Wojt Wróbl Zar Bogdan Bron Dud Gol Roman Ryb Sobot Olech Rud Staw Filip Michal Grzyb Kras Osip Stach
    Wierzb Żuk Wasil Kaczor Kowal Skrzyp Kaczmar Buk Kruk Mak Rog Wilk Rak Ptak Czyż Gąs`).flatMap((h) => {
    const o = /(l|j|cz|sz|rz|ż)$/.test(h) ? 'e' : 'o';
    const hard = /[kg]$/.test(h);
    const ak = /[mnspbw]$/.test(h) ? 'iak' : 'ak';
    return [`${h}${o}wski`, `${h}${o}wicz`, ...(hard ? [] : [h + ak]), ...(hard || h.endsWith('ł') ? [] : [`${h}ek`])];
  }).filter((n) => !skip.has(n));
})();

/** Romanian: given name + -escu (Ionescu, Dumitrescu); after the commonest, in turn with other real ones and -eanu names. */
const ROMANIAN_ESCU = compose(
  `Georg Stan Dumitr Constantin Marin Nicul Vasil Petr Radul Mihail Stoic Ili Diacon Manol Nicol Dobr Grigor Teodor Anton Flor Tudor Lup Sandul
   Andre Pavel Lazar Dragomir Gavril Iordan Mirc Pred Dan Roman Negr Vlad Barbul Enach Opr Paun Stefan Simion Tom Zamfir Vintil Mate Miha Rad Cost
   Marcul Tanas Vlaic Anghel Bratul Calin Dinul Iancul Mois Voic Stro Nit Dragul Dobrin Voin Negul Crist Sorin Udr`,
  'escu',
);
/** -eanu from given names and regions (Petreanu, Olteanu). */
const ROMANIAN_EANU = compose('Petr Lazar Stefan Gavril Tudor Dragomir Bogdan Radov Simion Dumitr Brasov Valc Gorj Dobrog Prahov Bistrit Hunedor Tulc Buzo', 'eanu');
const ROMANIAN_MORE = w(`Marin Neagu Vasile Ilie Toma Lazar Cristea Andrei Sandu Preda Stoian Stanciu Enache Oprea Paun Voicu Zamfir Balan Manea Ghita Avram
  Dragomir Sima Lupu Dobre Craciun Nedelcu Iordache Mocanu Cojocaru Rotaru Olaru Ursu Tanase Costea Dinca Ardelean Bratu Bucur Cazacu Cretu Dima
  Gavrila Ionita Ispas Iordan Manole Mirea Nedelea Oancea Pavel Petcu Puiu Sava Sirbu Vlad Zaharia Moldoveanu Ardeleanu Olteanu Ungureanu Muresanu
  Brezeanu Jianu Vranceanu Mihaileanu Petreanu Manolache Anghelache Petrache Vasilache Dumitrache Mihalache Costache Sandache Ciobotaru Butnaru
  Fieraru Dogaru Morar Croitoru Pescaru Lemnaru Ciubotaru Bogdan Bejan Boboc Buzatu Chirila Ciocan Coman Dobrin Dragan Filip Gherman Grigore Husar
  Lungu Macovei Marcu Muntean Nita Onu Pintilie Plesa Pirvu Rusu Sandor Savin Tamas Tofan Ungur Vasilescu Vornicu Zaharescu`);

/** Yoruba compounds (Ade-/Ola-/Olu-/Akin- with -yemi/-tunde/-wale/-bayo) and Igbo names. */
const YORUBA = compose(
  'Ade Ola Olu Akin Ayo Ogun Oye Fola',
  'yemi tunde wale bayo kunle dele sola niyi sanya leke yinka deji bisi wole goke tunji jide dipo leye biyi lana dipe mola bode sina kanmi gbemi',
  'Olasola Folasola Folabisi Ayoyemi Ayogoke Akingoke Ogungoke Folagoke Olugoke',
);
const IGBO = pairs(`Ok: eke afor onkwo oye orie oro oli olie para; Nw: eke afor ankwo oye orie osu achukwu aeze aogu aneri abueze okolo okedi oke obi;
  Chukwu: ma di emeka ka nonso buike dike eke ebuka neke; Eze: ani nwa oke ibe agu udo ala kwe obi; Obi: ora nna dike eze ajulu anuju;
  Nna: emeka ji di mani; Onye: ka kachi ama buchi; Uche: nna ka; Ike: nna gwu; Onwu: ka diwe zurike`);
const NIGERIAN_MORE = w(`Igwe Ugwu Ibe Njoku Anyanwu Uzor Udeh Agu Ekwueme Opara Iwu Ogbonna Oguike Nnaji Mbah Ezeh Ilo Akpan Etim Bassey Effiong Okon Ekpo Edet
  Inyang Umoh Musa Sani Yusuf Aliyu Usman Danjuma Garba Lawal Suleiman Shehu Umar Bala Haruna Idris Ajayi Adeleke Bamidele Fashola Ojo Oni Ige
  Alabi Ayinde Bankole Bello Fadipe Falana Gbadamosi Lawson Makinde Obafemi Odusanya Ojukwu Okoli Okorie Oshodi Salami Sowemimo Taiwo Kehinde`);

/** Turkish compounds (Ak-/Kara-/Öz-/Er- with -soy/-türk/-can/-kaya), after the commonest and other real ones. */
const TURKISH_MORE = w(`Akyüz Polat Bulut Tekin Güneş Erdem Keskin Ünal Kaplan Aksu Tunç Uçar Altun Güler Bozkurt Avcı Işık Turan Yavuz Uysal Kılınç Toprak Acar
  Korkmaz Yalçın Yücel Coşkun Sezer Çakır Bayram Çiftçi Tuncer Ünlü Temiz Sönmez Savaş Çınar Akgün Ateş Oral Bektaş Cengiz Duman Ekinci Genç
  Gündoğdu Karaca Kocabaş Metin Oruç Sağlam Sarı Soylu Taşkın Tosun Uzun Yazıcı Zengin Erdoğan Akın Kahraman Karakuş Güven`);
const TURKISH_TAIL = compose(
  'Ak Kara Öz Er Gür Ay Gök Demir Şen Yıl Al Tun',
  'soy türk can kaya demir taş kan oğlu doğan gül er han bulut kurt dağ bay aslan',
  `Erer Demirdemir Aler Alhan Alkan Alsoy Aldağ Algül Alkurt Tunkan Tundağ Tuner Tuncan Tunsoy Tungül Tunkurt Tunbay Tunaslan Ayer Yıler Yılhan
   Yılkan Yıltaş Yılbay Yılgül Yılsoy Yıldemir Yılkaya Yılcan Gökhan Erhan Ayhan Gökkan Gürgül Erbay Şenkan Karaer Ayaslan Aybay`,
);

/** Lithuanian: stem + -auskas/-evičius/-aitis/-ūnas (Petrauskas, Jonaitis). */
const LITHUANIAN_MORE = w(`Šimkus Sakalauskas Žilinskas Lukošius Adomaitis Kairys Mockus Jonaitis Petraitis Stonkus Gudaitis Vaitkus Kučinskas Valaitis
  Mikalauskas Rutkauskas Grigas Sinkevičius Jakubauskas Tamošiūnas Norkus Bernotas Bagdonas Balčiūnas Juška Kubilius Mažeika Motiejūnas Pakalnis
  Stankus Vaičiulis Žemaitis Kriaučiūnas Venckus Jurgaitis Lapinskas Marcinkevičius Rimkevičius Daukšas Barkauskas`);
const LITHUANIAN_TAIL = compose(
  `Adom Ambraz Andri Bart Balt Dom Gail Grig Jak Jan Jon Jurg Kaz Luk Mart Mat Mik Mil Nor Pet Petr Rad Ram Rim Sab Stan Šim Tam Urb Vait Val Vil Žil
   Žuk Ben Bud Dan Gud Jas Juod Kas Kuz Mack Pal Pauk Sav Stas Tom Vasil Zig Alek Ged Kaup`,
  'auskas evičius aitis ūnas',
);

/** Modest tails of real names where surnames are concentrated. */
const WELSH_MORE = w(`Bevan Beddoe Cadwaladr Craddock Gittins Gough Gwilliam Harries Hopkins Humphreys Jeffreys Kemble Maddox Meyrick Owens Penry
  Perkins Phillips Preece Protheroe Prydderch Pryce Richards Tudor Walters Watkins Wynne Edwards Harris Jarvis Bowen Hopkin Lewis Maddock`);
const PAKISTANI_MORE = w(`Zaman Sharif Rafiq Nazir Hanif Ashraf Arshad Sadiq Latif Siddiqui Naqvi Bukhari Gilani Awan Bhatti Cheema Gondal Janjua Khokhar
  Minhas Mughal Rana Sheikh Hameed Majeed Rasheed Kazmi Jamil Younis Yaqoob Ishaq Farooq Shafiq Zafar Aziz`);
const INDIAN_MORE = w(`Agarwal Ahuja Arora Bains Bajwa Banerjee Bhatia Bhandari Chahal Chandra Chatterjee Das Dutta Gandhi Ghosh Goyal Jain Johal Kang Khanna
  Kohli Lal Lodhia Menon Mishra Modi Mukherjee Naidu Pandya Pandey Parekh Prasad Puri Raval Sagoo Saini Sangha Sehgal Sethi Shukla Sinha Srivastava
  Sohal Thakkar Thakrar Tiwari Trivedi Varma Verma Virdee Yadav Vaghela Rathod Chavda Dhaliwal Atwal Basra Bhogal Hundal Kalsi Khaira Purewal Rai
  Randhawa Sahota Sodhi Thind Toor Uppal Lakhani Ruparelia Popat Kotecha Vadher Makwana Mann Dhami Bassi Hayer`);
const BANGLADESHI_MORE = w(`Chowdhury Sheikh Molla Mondal Sikder Howlader Munshi Pramanik Kabir Hasan Hossain Amin Bari Siddique Matin Mridha Awal Malik
  Sarker Faruk Jalal Latif Khanam Nahar Sultana Parvin Akhtar Hoque Miya Syed`);
const PORTUGUESE_MORE = w(`Soares Mendes Nunes Vieira Monteiro Cardoso Rocha Neves Coelho Cruz Cunha Pires Ramos Reis Simões Antunes Matos Fonseca Morais
  Machado Correia Teixeira Azevedo Barbosa Tavares Moreira Castro Batista Lima Araújo Freitas Campos Dias Faria Henriques Moura Miranda Leite Borges Brito`);
const CHINESE_MORE = w(`Ho Tang Leung Yip Lau Chow Tsang Kwok Mak Fung Yeung Choi Lai Cheng Tse Siu Poon Hui Kwan Yuen Tam Chu Zheng Xie Feng Yu
  Dong Xiao Cao Yuan Deng Shen Zeng Peng Jiang Cai Tian Ren Fang Liao Zou Jin Kong Cui Qiu Qin`);
const GHANAIAN_MORE = w(`Acquah Adjei Adomako Agyei Agyemang Amankwah Ampofo Amponsah Anane Ansah Antwi Asamoah Atta Badu Bonsu Danquah Donkor Dankwa Duah
  Gyamfi Kyei Kumi Kusi Nkansah Nyarko Obeng Oduro Ofosu Okyere Opoku Oppong Poku Sarpong Sarfo Takyi Yeboah Agyapong Anim Baah Boakye Darkwa Fosu
  Gyasi Koomson Manu Nti Ntim Quansah Quartey Sackey Tawiah Wiredu Amoako Annan Aboagye Asiedu Amoateng Sowah Lamptey Laryea Nortey Kotey Armah
  Odoi Quarshie`);
/** Arabic: Al- with a family or place name (Al-Tamimi, Al-Masri), and other real ones. */
const ARABIC_TAIL = compose(
  'Al-',
  `Hashimi Khatib Masri Shami Iraqi Tamimi Zahrani Qahtani Ghamdi Obaidi Jaber Ali Hussein Najjar Saadi Mousawi Janabi Dulaimi Ansari Baghdadi Halabi
   Sabbagh Kurdi Azzawi Jubouri Rubaie Shammari Khalidi Sharif Amiri Hakim Bakri Mahdi Yamani Maliki Hariri Asadi Hamdani Kubaisi Zubaidi Mansouri
   Qasimi Hilali Omari Attar Tahan Khafaji Bayati Taie Harbi Mutairi Otaibi Enezi Dosari Saleh Fadhli Kindi Sudani Libi Hamad`,
).concat(w(`Khoury Nassar Issa Awad Khalaf Salem Hamad Mahmoud Saeed Daher Aoun Nasr Najjar Shaheen Salameh Hijazi Bakr Sabbagh Jaber Asfour
  Barakat Ghanem Hamdi Kassem Maalouf Nader Obeid Qasim Rizk Sabri Shehadeh Tawfik Zaki Zidan Abboud Atiyeh Hallak Karam Najm`));

export const ORIGINS: Origin[] = [
  {
    name: 'English',
    share: 0.5,
    surnames: unique(ENGLISH_SURNAMES),
    boys: w(`Jack Oliver Harry Thomas James Joshua Charlie George William Daniel Jacob Samuel Alfie Noah Leo Joseph Ethan Oscar Arthur Lewis Ryan Callum
      Freddie Theo Henry Archie Isaac Lucas Max Luke Matthew Dylan Liam Connor Kyle Logan Edward Finley Alexander Benjamin Mason Harrison Riley
      Toby Adam Nathan Jamie Bradley Michael Christopher Teddy Reggie Tommy Albert Louie Jude Ronnie Sebastian Elijah Hugo Luca Stanley Frankie
      Jaxon Rory Zachary Tyler Owen Reuben Louis Ollie Elliot Harvey Jenson Kian Caleb Jake Felix Arlo Ezra Ralph Frederick Finn Ellis Jesse Rowan
      Gabriel Jayden Bobby Charles Jasper Rufus Nathaniel Elias Ronald Alfred Eli Jordan Reece Kieran Aaron Declan Cameron Brandon Corey Ashton
      Kai Bailey`),
    girls: w(`Olivia Emily Amelia Jessica Chloe Isla Sophie Ava Lily Grace Ruby Megan Ella Charlotte Lucy Hannah Mia Ellie Evie Lauren Holly Poppy
      Isabella Sophia Freya Ivy Rosie Katie Molly Millie Daisy Bethany Alice Erin Florence Willow Elsie Evelyn Amy Rebecca Georgia Abigail Eleanor
      Phoebe Sienna Harper Matilda Isabelle Maya Esme Hallie Emilia Bonnie Luna Violet Penelope Scarlett Zara Imogen Layla Eliza Harriet Darcie
      Thea Jasmine Summer Elizabeth Beatrice Maisie Margot Aurora Annabelle Edith Mabel Nancy Ada Iris Robyn Leah Caitlin Eva Lola Lexi Mollie
      Gracie Aria Francesca Rose Lottie Josephine Natasha Lydia Naomi Libby Tilly Jessie Victoria Katherine Alexandra Amber Paige Courtney Shannon
      Jade Abbie Niamh Olive Maddison`),
    olderBoys: w(`David Paul Mark Andrew Michael Christopher Richard Stephen Robert James Daniel Matthew John Peter Anthony Lee Darren Ian Gary Simon
      Steven Jason Neil Martin Kevin Craig Thomas Jonathan Adam Philip Dean Carl Stuart Wayne Shaun Nicholas Scott Ryan Jamie Ashley Luke Benjamin
      Samuel Joseph Nathan Timothy Gareth Colin Graham Alan Keith Nigel Russell Alexander William Edward George Marcus Gavin Glenn Barry Trevor Brian
      Kenneth Raymond Terence Jeremy Julian Dominic Duncan Derek Malcolm Roger Geoffrey Clive Leslie Aaron Ross Joshua Jack Charles Henry Oliver
      Gregory Douglas Patrick Francis Lawrence Vincent Frederick Jonathon Dale Danny Ricky Antony Stewart Sean Shane Justin Elliott Jacob
      Kieran Liam Christian Karl Robin Jeffrey Alistair Damian Kelvin Lloyd Mathew Sam Tom Ben`),
    olderGirls: w(`Sarah Claire Emma Nicola Lisa Karen Michelle Joanne Helen Rachel Louise Laura Kelly Samantha Julie Amanda Rebecca Jennifer Gemma
      Victoria Deborah Elizabeth Catherine Katherine Susan Tracey Donna Angela Jacqueline Dawn Alison Caroline Jane Kerry Natalie Stacey Leanne Hayley
      Lindsay Jessica Hannah Amy Lucy Charlotte Sophie Katie Jodie Danielle Zoe Kirsty Stephanie Melanie Kimberley Carly Lauren Rachael Joanna Anna
      Tanya Sharon Beverley Wendy Patricia Margaret Christine Gillian Suzanne Theresa Kathryn Elaine Lorraine Nicole Annette Kate Abigail Eleanor
      Alexandra Georgina Sally Anne Paula Sandra Diane Andrea Maria Julia Emily Sara Heidi Lynne Denise Janet Debra Tina Teresa Marie Kathleen
      Judith Lesley Ruth Clare Philippa Harriet Jemma Katy Amber Chelsea Natasha Frances Rosemary Lydia Catriona Jenny Becky Vicky`),
  },
  {
    name: 'Scottish',
    share: 0.05,
    surnames: unique(
      w(`MacDonald Campbell Stewart Robertson Murray MacLeod Reid Ross Paterson Fraser McKenzie Henderson Morrison Kerr Ferguson Cameron Duncan
        Hunter Grant Mackay Johnstone McLean Sinclair Munro Gordon Burns Craig McIntosh Buchanan Drummond McGregor Forsyth Rennie Baird`),
      interleave(SCOTTISH_LOWLAND, SCOTTISH_MAC),
    ),
    boys: w(`Jack Lewis Callum Ruaridh Angus Hamish Fraser Euan Finlay Alasdair Calum Kyle Ross Lachlan Struan Innes Murdo Fergus Duncan Ewan Craig
      Gregor Iain Alistair Archie Noah Leo Harris Rory Alfie Oliver Harry Luca Theo Oscar Lucas Max James Thomas Cameron Grant Logan Ollie Mason
      Brodie Jamie Aaron Daniel Matthew Andrew Adam Arran Cole Robbie Ruairidh Blair Corey Dylan Ethan Finn Hugh Kai Magnus Mark Murray Ben Sam`),
    girls: w(`Isla Eilidh Skye Ailsa Kirsty Morag Fiona Catriona Iona Mhairi Shona Rhona Heather Kirsten Lorna Eilish Orla Freya Niamh Ishbel Esme Aila
      Olivia Emily Sophie Ava Amelia Ella Grace Lily Evie Millie Hannah Rosie Lucy Harper Maisie Erin Katie Abbie Rebecca Ellie Sienna Lexi Isabella
      Eva Robyn Rachel Holly Aria Daisy Poppy Megan Amy Chloe Caitlin Beth Lauren Kayla Hollie Zara Orlaith Ruby`),
    olderBoys: w(`David John James Robert William Stephen Scott Andrew Mark Paul Gary Craig Steven Michael Kenneth Alan Colin Graeme Gordon Douglas Stuart
      Ross Iain Alistair Fraser Euan Grant Neil Derek Duncan Allan Brian Thomas Christopher Jamie Ryan Kevin Martin Barry Darren Kyle Gregor Murray
      Hamish Angus Calum Callum Lewis Jack Ewan Innes Keith Norman Donald Malcolm Hugh Finlay Murdo Fergus Alexander Ian Graham Grahame Ronald Kenny
      Gavin Dougie Niall Greig Hector Kieran Lindsay Richard Daniel Peter Anthony`),
    olderGirls: w(`Karen Fiona Lorraine Nicola Gillian Claire Lisa Elaine Susan Catherine Kirsty Laura Lynne Jacqueline Alison Joanne Louise Pamela Shona
      Kirsten Lorna Heather Morag Margaret Elizabeth Julie Anne Carol Mhairi Catriona Rhona Jennifer Michelle Angela Gail Donna Tracey Sharon Gemma
      Amy Rachel Emma Lauren Sarah Hannah Rebecca Kerry Stacey Deborah Ailsa Iona Eilidh Moira Isobel Kathleen Maureen Shirley Ashley Kelly Leigh
      Christine Linda Ann Evelyn Jean Joan Marion Audrey Wendy Hazel Yvonne`),
  },
  {
    name: 'Irish',
    share: 0.05,
    surnames: unique(
      w(`Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill Reilly Doyle McCarthy Gallagher Doherty Kennedy Lynch Murray Quinn
        Moore McLaughlin Carroll Connolly Daly O'Connell Brennan Burke Collins Fitzgerald Flanagan Keane Regan Devlin McGuinness Nolan Maguire`),
      interleave(IRISH_PLAIN, IRISH_O, IRISH_MC),
    ),
    boys: w(`Jack Sean Conor Cian Oisin Darragh Patrick Ciaran Eoin Liam Rory Niall Padraig Fionn Tadhg Colm Declan Aidan Brendan Kieran Ronan Cathal Donal
      Cillian James Noah Daniel Michael Thomas Adam Luke Finn Senan Ruairi Donnacha Odhran Shay Rian Evan Harry Charlie Dylan Alex Jamie Bobby Tommy
      Fiachra Shane Conall Killian Eoghan Diarmuid Aaron Matthew Joseph Oliver Leo Ryan`),
    girls: w(`Aoife Niamh Saoirse Ciara Siobhan Roisin Orla Grainne Sinead Caoimhe Aisling Clodagh Eimear Maeve Ailbhe Deirdre Fionnuala Nuala Mairead Bridget
      Emily Grace Sophie Ella Ava Lucy Fiadh Aoibhinn Eabha Erin Sadhbh Cara Hannah Ellie Molly Sophia Isabelle Mia Amelia Kate Katie Lily Chloe Sarah
      Emma Holly Ruby Meabh Muireann Sienna Aoibheann Shauna Orlaith Laoise Clara Ellen Alannah`),
    olderBoys: w(`Sean Patrick Michael John Declan Kevin Brendan Ciaran Kieran Padraig Eamon Dermot Gerard Martin Paul Liam Conor Niall Barry Colm Donal
      Fergal Cormac Aidan Darren Damien Enda Fintan Shane Ronan Brian Thomas James Joseph Anthony Francis Dominic Eugene Desmond Gerald Noel Seamus
      Cathal Terence Vincent Christopher David Mark Stephen Peter Philip Richard Eoin Daniel Rory Owen Diarmuid Killian Emmet Garrett Lorcan`),
    olderGirls: w(`Siobhan Mary Bridget Catherine Margaret Sinead Aoife Niamh Orla Claire Deirdre Roisin Grainne Aisling Mairead Nuala Fionnuala Bernadette
      Eileen Maura Colette Majella Triona Sorcha Clodagh Eimear Louise Lisa Elaine Sharon Caroline Emma Sarah Teresa Kathleen Geraldine Patricia Anne
      Maeve Noreen Una Theresa Fiona Karen Michelle Nicola Joanne Rachel Ciara Marie Helen Elizabeth Tara Edel Gillian Yvonne Orlagh`),
  },
  {
    name: 'Welsh',
    share: 0.04,
    surnames: unique(
      w(`Jones Williams Davies Evans Thomas Roberts Lewis Hughes Morgan Griffiths Owen Rees Jenkins Price Lloyd Powell Pritchard Parry Bowen
        Howells Vaughan Pugh Llewellyn Gwynne Prosser Probert Meredith Rowlands`),
      WELSH_MORE,
    ),
    boys: w(`Rhys Dylan Osian Ioan Gethin Cai Tomos Gruffydd Owain Iwan Aled Emyr Huw Dafydd Gareth Rhodri Macsen Elis Steffan Idris Jac Harri Noah
      Oliver Charlie Alfie Jacob Evan Ianto Deio Morgan Ifan Caio Llew Tomi Leo Ollie Harry Joshua Ethan Thomas William James Lewis Callum Jake`),
    girls: w(`Ffion Seren Cerys Carys Mali Lowri Megan Eleri Bethan Nia Catrin Angharad Gwen Elin Sioned Rhiannon Alys Heledd Tirion Manon Eira Efa
      Cadi Lili Mia Ava Isla Olivia Ella Grace Erin Fflur Enfys Elan Anwen Betsan Nel Mabli Ela Elsi Hannah Emily Sophie Chloe Amelia Lucy`),
    olderBoys: w(`Gareth Rhys David Huw Dafydd Rhodri Aled Gwyn Geraint Emyr Hywel Owain Dylan Iwan Gethin Alun Meirion Arwel Ieuan Gwilym Llyr Steffan
      Ioan Mark Paul Andrew Stephen Richard Christopher Jonathan Matthew Craig Lee Darren Ian Carwyn Dewi Eifion Rhydian Sion Trystan Bryn Glyn
      Aneurin Emlyn Gavin Jason Robert Michael Wyn Daniel Thomas Nathan Jamie Ryan`),
    olderGirls: w(`Sian Rhian Nia Bethan Catrin Rhiannon Angharad Ffion Cerys Lowri Eleri Elin Gwenllian Heledd Sioned Llinos Carys Delyth Ceri Nerys
      Manon Mererid Lisa Sarah Claire Emma Helen Rachel Nicola Kelly Joanne Louise Laura Rebecca Kathryn Gemma Elizabeth Megan Bronwen Olwen Menna
      Eirian Haf Caryl Awen Rhianon Lynwen Meinir Gwen Hannah Amy`),
  },
  {
    name: 'Polish',
    share: 0.04,
    surnames: unique(
      w(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski
        Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński Król Majewski Olszewski`),
      POLISH_MORE,
      POLISH_TAIL,
    ),
    boys: w(`Jakub Kacper Szymon Filip Antoni Jan Aleksander Franciszek Mikołaj Wojciech Adam Michał Bartosz Piotr Mateusz Krzysztof Tomasz Łukasz Paweł
      Marcin Dawid Igor Oskar Stanisław Leon Nikodem Ignacy Wiktor Marcel Tymon Oliwer Julian Maksymilian Tymoteusz Hubert Natan Bruno Gabriel Dominik
      Kamil Miłosz Patryk Alan Kajetan`),
    girls: w(`Zuzanna Julia Maja Zofia Hanna Lena Alicja Maria Amelia Oliwia Natalia Wiktoria Aleksandra Magdalena Agnieszka Katarzyna Małgorzata Joanna
      Karolina Patrycja Weronika Antonina Pola Laura Emilia Gabriela Nikola Liliana Michalina Helena Nadia Marcelina Milena Iga Jagoda Łucja Martyna
      Kornelia Blanka Anna Julianna Klara Matylda`),
    olderBoys: w(`Krzysztof Tomasz Piotr Paweł Marcin Michał Łukasz Grzegorz Dariusz Robert Mariusz Marek Adam Rafał Sebastian Damian Daniel Kamil Artur
      Przemysław Wojciech Jarosław Andrzej Jacek Sławomir Mirosław Zbigniew Krystian Maciej Dawid Mateusz Bartosz Radosław Jan Janusz Waldemar
      Arkadiusz Adrian Jakub Szymon Patryk Konrad Leszek Tadeusz Jerzy Stanisław Józef Ryszard Henryk Kacper Filip Norbert`),
    olderGirls: w(`Anna Katarzyna Małgorzata Agnieszka Monika Joanna Magdalena Ewa Aleksandra Justyna Karolina Marta Paulina Dorota Beata Aneta Sylwia Edyta
      Iwona Barbara Natalia Kinga Izabela Renata Marzena Elżbieta Agata Ilona Patrycja Anita Emilia Dominika Kamila Weronika Martyna Klaudia Angelika
      Ewelina Żaneta Danuta Grażyna Jolanta Krystyna Bożena Teresa Wioletta Urszula Sandra Daria`),
  },
  {
    name: 'Romanian',
    share: 0.03,
    surnames: unique(
      w(`Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin Mihai Florea Serban Lungu Dinu Moldovan Tudor Nistor Barbu Ene`),
      interleave(ROMANIAN_MORE, ROMANIAN_ESCU, ROMANIAN_EANU),
    ),
    boys: w(`Andrei Alexandru David Stefan Mihai Gabriel Ionut Darius Matei Luca Cristian Florin Bogdan Vlad Adrian Razvan Sorin Ciprian Marius Costin
      Rares Tudor Eric Antonio Sebastian Ianis Mario Denis Fabian Raul Robert Teodor Daniel Rafael Victor Paul Nicolas Albert Iustin`),
    girls: w(`Maria Ioana Andreea Elena Alexandra Daria Sofia Bianca Gabriela Alina Cristina Roxana Larisa Denisa Raluca Irina Mihaela Ana Ileana Florentina
      Antonia Eva Rebeca Delia Natalia Ilinca Anastasia Teodora Alesia Miruna Sara Giulia Emma Alessia Amalia Patricia Ariana Carla`),
    olderBoys: w(`Ion Gheorghe Vasile Constantin Nicolae Mihai Florin Marius Adrian Cristian Daniel Ionut Bogdan Catalin Gabriel Alexandru Andrei Stefan
      Dumitru Costel Sorin Ciprian Razvan Lucian Dorin Dan Valentin Claudiu Viorel Ovidiu Dragos Cosmin Sebastian Iulian Liviu Silviu Petru Emil Paul
      Radu Vlad Marian Laurentiu Florian Costin Aurel Mircea Eugen Tudor Horia Traian Cornel Octavian`),
    olderGirls: w(`Maria Elena Ana Ioana Mihaela Andreea Alina Cristina Gabriela Roxana Georgiana Daniela Mariana Nicoleta Raluca Monica Simona Adriana
      Florentina Ileana Irina Larisa Oana Alexandra Ramona Diana Luminita Carmen Camelia Claudia Madalina Loredana Valentina Corina Iuliana Violeta
      Adina Bianca Denisa Anca Lavinia Elisabeta`),
  },
  {
    name: 'Pakistani',
    share: 0.06,
    surnames: unique(
      w(`Khan Hussain Ahmed Ali Akhtar Iqbal Mahmood Shah Rehman Malik Butt Bibi Riaz Aslam Javed Rashid Anwar Mirza Qureshi Chaudhry Raja Saleem Nawaz Yousaf Tariq Abbasi`),
      PAKISTANI_MORE,
    ),
    boys: w(`Muhammad Mohammed Ibrahim Yusuf Ayaan Zayn Hamza Ali Abdullah Bilal Usman Umar Hassan Hussain Zain Adam Rayyan Haris Faizan Imran Kamran Tariq
      Asif Shahid Arslan Saad Musa Isa Yahya Ismail Zakariya Eesa Ahmed Haroon Idris Mikail Aayan Arham Huzaifa Talha Rehan Sufyan Taha Hadi Zaid Saif
      Hamzah Aariz Abdul Amaan`),
    girls: w(`Maryam Aisha Fatima Zainab Hafsa Amina Inaya Hania Khadija Mariam Eshal Anaya Safa Iqra Sana Ayesha Nadia Sadia Rabia Saima Shabana Noor
      Mehwish Hira Areeba Haleema Zara Hawa Sumayyah Aleena Alisha Aiza Manahil Zoya Zahra Mahnoor Dua Hoorain Ayat Sofia Sakina Aleeza Laiba Amna Hiba
      Mehak Rania Raiha`),
    olderBoys: w(`Mohammed Muhammad Tariq Imran Asif Shahid Khalid Zahid Nadeem Naveed Amjad Arshad Javed Sajid Waqas Adnan Kashif Faisal Irfan Shahzad
      Nasir Rizwan Abid Aamir Amir Sohail Zubair Wasim Majid Mubashir Asim Usman Umar Ali Hassan Hussain Bilal Imtiaz Mushtaq Pervez Rashid Saleem
      Zafar Iqbal Akram Aslam Khurram Kamran Babar Atif Junaid Haroon Naeem Sajjad Fahad Adeel Shoaib Yasir Abdul Ibrar`),
    olderGirls: w(`Shabana Nasreen Nazia Samina Saima Rubina Shazia Farzana Tahira Kausar Parveen Yasmin Nadia Sadia Rabia Bushra Uzma Asma Sana Ayesha
      Fatima Amina Mehwish Hina Hira Sobia Naila Sumaira Razia Rukhsana Shamim Nighat Sajida Shaista Aneela Humaira Kiran Nabila Noreen Fozia Tasleem
      Zahida Sabiha Robina Lubna Iram Madiha Rizwana Samira Nosheen Sara Aisha Maryam Zainab`),
  },
  {
    name: 'Indian',
    share: 0.04,
    surnames: unique(
      w(`Patel Singh Kaur Sharma Gupta Kumar Shah Mistry Desai Joshi Mehta Parmar Chauhan Solanki Sandhu Gill Sidhu Dhillon Grewal Bhatt Nair Reddy Iyer Rao Pillai Chopra Kapoor Malhotra`),
      INDIAN_MORE,
    ),
    boys: w(`Arjun Aarav Vihaan Krish Rohan Aryan Dev Ishaan Jai Kabir Karan Nikhil Rahul Reyansh Ayaan Veer Shaan Rishi Yuvraj Arnav Aadi Advik Anay
      Dhruv Sahil Sai Vivaan Ansh Rehan Shiv Arjan Harvir Gurveer Jasraj Manveer Tejas Ved Atharv Rudra Harjit Gurpreet Manpreet Harpreet`),
    girls: w(`Priya Anaya Diya Saanvi Aanya Ananya Isha Kavya Riya Simran Avni Myra Aadhya Kiara Ira Tara Siya Navya Pari Anika Jasleen Harleen
      Gurleen Amrit Ishani Tanvi Nyra Aarya Ishita Mahi Meera Navneet Jaspreet Pooja Neha Anjali Nisha Kiran Divya Shreya`),
    olderBoys: w(`Rajesh Sanjay Vikram Amit Sunil Anil Ravi Deepak Harjit Gurpreet Manpreet Harpreet Jaswinder Kuldip Sukhwinder Balvinder Paramjit Rakesh
      Ramesh Suresh Mahesh Dinesh Hitesh Nilesh Jayesh Ketan Manoj Sandeep Pradeep Ashok Vijay Ajay Vinod Rajinder Satnam Sukhdev Baljit Hardeep
      Jagdeep Kamaljit Navdeep Nitin Mukesh Hemant Vipul Bhavesh Chirag Ashish Sachin Naveen Ajit Prakash Arvind Hiren Karan Nikhil Rahul Rohan`),
    olderGirls: w(`Sunita Meera Nisha Kiran Asha Leela Pooja Neha Anjali Priya Divya Shreya Simran Navneet Jaspreet Harleen Manjit Sukhjit Parminder
      Kulwinder Surinder Harjinder Rupinder Amandeep Ramandeep Hema Rekha Sangeeta Seema Usha Geeta Bhavna Hetal Jyoti Kavita Mamta Nirmala Poonam
      Rashmi Reena Sapna Shilpa Sonal Swati Vanita Dipika Nikita Payal Komal Krupa Rupa Hina`),
  },
  {
    name: 'Bangladeshi',
    share: 0.03,
    surnames: unique(
      w(`Begum Miah Uddin Ahmed Islam Rahman Hussain Ali Khatun Choudhury Hoque Alam Hassan Mahmud Sarkar Akter Karim Haque Ullah Bhuiyan Talukdar`),
      BANGLADESHI_MORE,
    ),
    boys: w(`Mohammed Abdul Rayan Ayaan Ibrahim Yahya Ismail Arif Shafi Nabil Tahmid Rafi Sami Tanvir Shahriar Mahir Fahim Imran Jamal Rashid Zayan Arham
      Mikail Musa Isa Zakariya Yusuf Adam Ahnaf Rahim Sufyan Umar Hamza Zain Rehan`),
    girls: w(`Fatema Nusrat Tasnim Sumaiya Ruksana Shirin Jannat Anika Nafisa Tahmina Farhana Rumana Sadia Maisha Tania Nabila Sabrina Shamima Halima Rokeya
      Inaya Zara Aisha Maryam Hafsa Ayesha Safa Raisa Ruqayyah Samiha Tahiya Nuha Muntaha Amira Alisha Hana Labiba`),
    olderBoys: w(`Abdul Mohammed Shahid Jamal Rashid Imran Kamal Faruk Jahangir Shafiqul Anwar Mizanur Habibur Mahbub Rafiqul Nazrul Shamim Alamgir Aminul
      Mamun Saiful Shahin Sohel Rubel Helal Arif Nabil Tanvir Fahim Mahir Rafi Sami Ashik Jewel Kamrul Monir Selim Tariq`),
    olderGirls: w(`Ruksana Shirin Rumana Tahmina Farhana Shamima Halima Rokeya Nazma Shahana Nasima Rehana Jesmin Salma Rashida Hasina Rubina Shilpi Nargis
      Parveen Sufia Fahmida Shireen Fatema Nusrat Tasnim Sumaiya Jannat Sadia Nabila Sabrina Tania Shapla Lipi Runa Shahida Monowara`),
  },
  {
    name: 'Somali',
    share: 0.02,
    // Somali surnames are the father's (or grandfather's) given name, so the men's names are the tail.
    surnames: unique(
      w(`Mohamed Ahmed Ali Hassan Abdi Omar Warsame Farah Yusuf Osman Jama Abdullahi Hussein Ismail Nur Aden Egal Mohamud Elmi Dahir Guled`),
      SOMALI_BOYS,
    ),
    boys: SOMALI_BOYS,
    girls: w(`Hodan Ayan Fadumo Amina Hibo Sagal Ubah Nimco Hawa Ifrah Sahra Asli Safiya Halima Ladan Maryan Deeqa Najma Kowsar Idil Khadra Hamdi
      Sucaad Muna Shukri Anisa Sumaya Ikran Hanan Nasra Hafsa Istahil Fartun Hinda Rahma Sahro Samira Filsan Amran Yasmin Zamzam Shamso Naima Ilhan`),
  },
  {
    name: 'Nigerian',
    share: 0.03,
    surnames: unique(
      w(`Okafor Adeyemi Okonkwo Balogun Adebayo Ogunleye Eze Nwosu Olawale Babatunde Oyelaran Chukwu Afolabi Akinola Obi Okeke Nnamdi Ogunbiyi Oladipo Ibrahim Bello Abubakar`),
      interleave(YORUBA, IGBO, NIGERIAN_MORE),
    ),
    boys: w(`Oluwaseun Chinedu Emeka Tobi Ayodele Oluwadamilare Chukwuemeka Adewale Olumide Tunde Femi Kunle Obinna Ikenna Chidi Segun Babajide Dayo Jide Tayo
      David Daniel Samuel Joshua Emmanuel Michael Joseph Victor Favour Precious Oluwatobi Ayomide Tobiloba Somtochukwu Chibuike Ifeanyi Kelechi Uche
      Nnamdi Olamide Temitope Damilola Oluwafemi Toluwani Isaac Elijah Jayden`),
    girls: w(`Oluwaseyi Chiamaka Adaeze Folake Temitope Ngozi Funmilayo Chioma Adunni Yetunde Bukola Ifeoma Nneka Titilayo Omolara Abimbola Ebere Kemi Toyin Amarachi
      Blessing Esther Grace Deborah Favour Precious Mercy Joy Oluwatoyin Ifeoluwa Oreoluwa Adaora Chinonso Ebube Nkechi Tolulope Moyinoluwa Ayomide Zion
      Anuoluwapo Iretomiwa Chidinma Olamide Damilola`),
  },
  {
    name: 'Ghanaian',
    share: 0.015,
    surnames: unique(
      w(`Mensah Asante Owusu Boateng Osei Appiah Agyeman Ofori Amoah Darko Acheampong Quaye Addo Tetteh Ankrah Kwarteng Frimpong`),
      GHANAIAN_MORE,
    ),
    boys: unique(w(`Kwame Kofi Kwabena Kwaku Yaw Kojo Kwesi Nana Kobby Ebo Fiifi Ekow Paa Kwadwo Emmanuel Samuel Daniel Isaac Joseph Prince Michael Richard
      Eric Godfred Francis Ebenezer Kingsley Nathaniel Joshua Caleb Jayden Kelvin Bernard Derrick`)),
    girls: w(`Ama Akua Abena Adwoa Afia Efua Esi Yaa Akosua Adjoa Abla Dzifa Efia Araba Ekua Grace Mercy Gifty Comfort Patience Priscilla Joyce Esther Rebecca
      Blessing Princess Vanessa Mavis Linda Doris Abigail Hannah Ruth Naomi Benedicta Josephine`),
  },
  {
    name: 'Caribbean',
    share: 0.025,
    // Caribbean surnames are largely British: the Caribbean list's own names first, then the English list.
    surnames: unique(
      w(`Campbell Brown Williams Francis Grant Thompson Gordon Lewis Morgan Bailey Henry Clarke Reid Powell Samuels Barrett Beckford Wright Forbes McKenzie Edwards Sinclair`),
      ENGLISH_SURNAMES,
    ),
    boys: w(`Jermaine Tyrone Leon Marcus Dwayne Andre Nathaniel Kemar Shane Javon Kareem Jamal Tyrese Omari Kai Malachi Isaiah Elijah Zion Josiah
      Jayden Tyler Reuben Jaylen Kyrie Micah Joshua Daniel Nathan Ezra Jaden Kayden Amari Marley Ashton Jahmai Kairo Nasir Theo Noah Leo Levi Elias`),
    girls: w(`Shanice Keisha Tanisha Jada Aaliyah Kiara Shantelle Chantelle Tiana Imani Nia Kemi Amara Simone Monique Danielle Jasmine Kayla Latoya Ebony
      Zara Amelia Olivia Ava Mia Sienna Hallie Nevaeh Zuri Nyla Amari Ayla Khloe Kaya Malia Serenity Skye Tia Destiny Precious Makayla Naomi Grace`),
    olderBoys: w(`Marcus Leon Wayne Delroy Winston Clive Errol Lloyd Carlton Desmond Trevor Dwayne Jermaine Tyrone Andre Nathan Daniel Anthony Michael
      Mark Paul Darren Dean Kevin Jason Junior Courtney Everton Devon Neville Lincoln Ricardo Marlon Damian Gary Kirk Troy Curtis Derek Carl Leroy
      Jerome Rohan Omar Shane Ryan Christopher Jamal Kareem Jordan Aaron Nathaniel Ashley Clinton Dalton Garfield Horace Linford Roy`),
    olderGirls: w(`Sharon Michelle Marcia Donna Beverley Jacqueline Yvonne Sandra Angela Janet Pauline Lorna Maxine Paulette Claudette Sonia Andrea Natalie
      Nicola Simone Lisa Karen Tanya Keisha Charmaine Rochelle Marsha Camille Natasha Kimberley Samantha Charlene Tamara Jennifer Patricia Elaine
      Juliet Denise Carol Lorraine Annette Nadine Jade Danielle Monique Latoya Shanice Chantelle Kayla Jasmine Ebony Candice Kelly Jodie Leanne`),
  },
  {
    name: 'Chinese',
    share: 0.02,
    surnames: unique(w(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Wong Chan Cheung Lam Ng`), CHINESE_MORE),
    // Children's given names are mostly two syllables, written as one word (Zihan, Haoran).
    boys: unique(
      w('Haoran Yuxuan Zihan Yichen Haoyu Junjie Yuhang Zhiyuan Jiahao Zixuan Hao Jun Yi Kai'),
      pinyin('Zi Yu Hao Jun Yi Jia Ming Zhi Tian Chen Rui Bo Kai Wen Jin', 'han xuan ran yu hao jie yang hang ze chen rui lin feng yi tian ming bo kai'),
    ),
    girls: unique(
      w('Zihan Yutong Xinyi Yixuan Zixuan Siyu Yuxi Mengqi Jiayi Xin Yi Ying'),
      pinyin('Zi Yu Xin Yi Jia Shi Si Meng Xiao Ya Ruo Yue Mei Hui Jing Ke Shu Yun', 'han xuan yi tong qi xin yan ting jing lin wen hui ying yue mei ning xi qing yun'),
    ),
    // The parents' generation: more single-syllable names, and other combinations (Jianguo, Xiaohong).
    olderBoys: unique(
      w(`Wei Hao Jun Yi Jie Ming Hui Lei Bo Chen Tao Hong Qiang Kai Yang Zhen Ho Chun Kit Long Yong Peng Feng`),
      pinyin('Jian Zhi Guo Hai Xiao Jun Wei Yong Hong Jin Ming Wen', 'guo hua jun ming ping wei qiang gang tao bo hui feng long jie'),
    ),
    olderGirls: unique(
      w(`Xin Ying Mei Lan Jing Yan Hui Na Fang Li Xiu Qing Ling Yu Hong Lin Ning Wen Yue Shan Min Juan Ping Hua Jie`),
      pinyin('Xiao Hai Li Yu Hong Mei Jing Hui Yan Shu Wen Chun', 'yan hong li mei hui ping juan na ying fang hua qing jing lan'),
    ),
  },
  {
    name: 'Arabic',
    share: 0.02,
    surnames: unique(
      w(`Al-Hassan Al-Amin Haddad Khalil Saleh Mansour Nasser Hamdan Aziz Karim Al-Sayed Farouk Habib Rahim Abbas Youssef Al-Rashid Ibrahim Suleiman Darwish`),
      ARABIC_TAIL,
    ),
    boys: w(`Omar Ahmad Khalid Youssef Karim Tariq Samir Faris Rami Ziad Hamza Bilal Mustafa Amir Malik Nabil Walid Majid Adnan Hadi Ali Mohammed Ahmed
      Hassan Hussein Ibrahim Yousef Abdullah Mahmoud Saif Zaid Anas Yazan Qusai Laith Mohannad Ammar Osama Haider Mazen Adam Yahya Taha Karam Jad`),
    girls: w(`Layla Nour Yasmin Rania Lina Dina Huda Salma Mariam Reem Lama Farah Jana Sara Aya Hiba Dalia Rana Amal Malak Fatima Zainab Maryam Aisha
      Heba Noor Rahaf Tala Shahad Ruba Sama Jood Aseel Razan Ghada Manal Samar Nadia Hala Dana`),
  },
  {
    name: 'Turkish',
    share: 0.015,
    surnames: unique(
      w(`Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek`),
      interleave(TURKISH_MORE, TURKISH_TAIL),
    ),
    boys: w(`Yusuf Eymen Ömer Mustafa Mehmet Emir Kerem Miraç Hamza Aras Çınar Göktuğ Ali Eren Arda Efe Can Deniz Baran Alp Berk Kuzey Poyraz Atlas
      Mert Burak Emre Ahmet Yiğit Alparslan Umut Batuhan Enes Kaan`),
    girls: w(`Zeynep Elif Defne Asel Azra Eylül Nehir Ecrin Meryem Ela Duru Lina Ada Alya Asya Zümra Elisa Nisa Ecem Selin Melis İrem Dilara Beren Esra
      Merve Büşra Ceren Ayşe Gizem Derya Aylin`),
    olderBoys: w(`Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Murat Hakan Serkan Ömer Yusuf Fatih Emre Kemal Erkan Orhan Cem Volkan Tolga
      Levent Uğur Burak Onur Erdal Sinan Gökhan Tuncay Kadir Halil Recep Cengiz Ercan Özgür Barış Selim Deniz Can`),
    olderGirls: w(`Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Sultan Hülya Özlem Gül Sibel Esra Derya Ebru Aylin Gülsüm Songül Nurcan Serpil Filiz
      Sevgi Dilek Pınar Tuğba Burcu Gizem Merve Nur Yasemin Canan Hacer Zehra Leyla Melek Sevda Nesrin`),
  },
  {
    name: 'Portuguese',
    share: 0.015,
    surnames: unique(
      w(`Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho`),
      PORTUGUESE_MORE,
    ),
    boys: w(`João Rodrigo Tiago Diogo Gonçalo Miguel Francisco Afonso Duarte Martim Rafael Bruno Pedro Nuno Ricardo Rui Hugo Vasco Tomás Santiago
      Lourenço Salvador Gabriel Guilherme Leonardo Dinis Simão Lucas Gustavo David`),
    girls: w(`Beatriz Leonor Matilde Inês Carolina Mariana Margarida Rita Catarina Joana Sofia Ana Marta Diana Filipa Raquel Teresa Vitória Benedita Constança
      Maria Alice Francisca Laura Clara Camila Lara Luana Madalena Caetana`),
    olderBoys: w(`João José António Manuel Paulo Carlos Luís Rui Pedro Nuno Jorge Ricardo Miguel Sérgio Fernando Vítor Hugo Bruno Tiago Marco Filipe André
      Fábio Daniel Hélder Mário Joaquim Francisco Alexandre Gonçalo Diogo Ivo Nélson`),
    olderGirls: w(`Maria Ana Sandra Carla Sónia Cristina Paula Susana Patrícia Marta Sara Catarina Joana Andreia Vera Filipa Cláudia Inês Rita Liliana Daniela
      Teresa Isabel Fátima Helena Fernanda Luísa Tânia Mónica Raquel Diana Sílvia Cátia Ângela`),
  },
  {
    name: 'Lithuanian',
    share: 0.01,
    surnames: unique(
      w(`Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas Urbonas Kavaliauskas Navickas Ramanauskas Savickas Rimkus Baranauskas`),
      LITHUANIAN_MORE,
      LITHUANIAN_TAIL,
    ),
    boys: w(`Lukas Matas Jonas Dominykas Nojus Kajus Benas Domantas Tomas Mantas Arnas Rokas Gytis Karolis Darius Vytautas Herkus Jokūbas Markas Adomas
      Titas Joris Emilis Danielius Augustas Dovydas Gustas Motiejus`),
    girls: w(`Emilija Sofija Gabija Kamilė Austėja Ugnė Lėja Goda Miglė Rugilė Viltė Urtė Ieva Greta Monika Rasa Liepa Amelija Elzė Luknė Patricija Adelė
      Milana Meda Barbora Smiltė Gabrielė Ema`),
    olderBoys: w(`Tomas Mantas Darius Vytautas Andrius Marius Audrius Giedrius Tadas Paulius Rimantas Saulius Aurimas Donatas Arūnas Linas Deividas Edgaras
      Gintaras Valdas Algirdas Raimondas Mindaugas Justinas Karolis Robertas Rokas Gytis Arnas Evaldas Kęstutis Vaidas Nerijus Remigijus`),
    olderGirls: w(`Rasa Ieva Greta Monika Jurgita Kristina Vilma Inga Laura Rūta Edita Asta Aušra Daiva Jolanta Lina Vaida Rita Simona Agnė Eglė Indrė
      Ingrida Jūratė Giedrė Neringa Sandra Dalia Renata Aistė Gintarė Živilė`),
  },
];

/** Twins given names that look alike but are different names (the scorer must not link them). */
export const CLOSE_TWIN_NAMES: Array<{ sex: 'M' | 'F'; names: [string, string] }> = [
  { sex: 'F', names: ['Amy', 'Ava'] },
  { sex: 'F', names: ['Ella', 'Bella'] },
  { sex: 'F', names: ['Lily', 'Lila'] },
  { sex: 'F', names: ['Mia', 'Maya'] },
  { sex: 'F', names: ['Ruby', 'Rosie'] },
  { sex: 'F', names: ['Isla', 'Ivy'] },
  { sex: 'F', names: ['Zara', 'Sara'] },
  { sex: 'F', names: ['Chloe', 'Zoe'] },
  { sex: 'F', names: ['Emma', 'Emily'] },
  { sex: 'F', names: ['Olivia', 'Sophia'] },
  { sex: 'M', names: ['Jack', 'Jake'] },
  { sex: 'M', names: ['Leo', 'Theo'] },
  { sex: 'M', names: ['Adam', 'Aidan'] },
  { sex: 'M', names: ['Hassan', 'Hussain'] },
  { sex: 'M', names: ['Tom', 'Tim'] },
  { sex: 'M', names: ['Ryan', 'Rhys'] },
];

export const STREETS = w(`High Church Station Victoria Park Mill School Queens Kings Green Manor Albert Chapel Grange New North South West East London
  Springfield Windsor Alexandra Stanley Clarence York Grove Cedar Oak Beech Elm Willow Ash Meadow Orchard Brook Riverside Priory Abbey Castle Market
  Bridge Hill Moor Forest Heath Lime Laburnum Hawthorn Rowan Holly Ivy Cherry Chestnut Sycamore Poplar Birch Maple Hazel Linden Tudor Stuart Nelson
  Wellington Trafalgar Waterloo Coronation Jubilee Empire Commercial Wharf Canal Dock Harbour`);
export const STREET_KINDS = w('Road Street Lane Avenue Close Drive Way Crescent Gardens Place Grove Terrace Court Walk Rise Mews');

/** Postcode areas and their district numbers for the synthetic area. */
export const POSTCODE_AREAS: Array<[string, number]> = [
  ['B', 99], ['CV', 49], ['WS', 15], ['DY', 14], ['WV', 16], ['LE', 67], ['NG', 34], ['M', 60], ['L', 40], ['LS', 29], ['BD', 24], ['S', 75],
  ['E', 18], ['N', 22], ['SE', 28], ['BS', 49], ['CF', 83], ['G', 84], ['EH', 55], ['OL', 16], ['BB', 18], ['PR', 26], ['HD', 9], ['LU', 7],
];
