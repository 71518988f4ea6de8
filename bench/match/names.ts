/**
 * Names for the synthetic population, by origin, each list roughly in order of frequency (the
 * generator draws from it with a Zipf-like weighting). The shares are those of a large, mixed
 * English urban council; they are illustrative, not census figures.
 */
export interface Origin {
  name: string;
  share: number;
  surnames: string[];
  boys: string[];
  girls: string[];
}

const w = (s: string) => s.split(/\s+/).filter(Boolean);

/** A long tail of English place-name surnames (Ashworth, Bradley, Thornton...), as real surname lists have. */
const ENGLISH_TAIL = (() => {
  const heads = w(`Ash Brad Brom Cal Carl Chad Cliff Craw Dal Dar Fair Fen Gar Hal Har Hay Hol Kirk Lang Lin Marl Mid Nor Ox Pem Ray Rid Rut Sal
    Shel Stan Stock Sut Thorn Tun Wal Wes Whit Wim Win Brook Cran Hart Moss Pen Rock Sand Bur Crom Dun`);
  const tails = w('ley ton ford well wood worth field ham by combe more stone bridge dale hurst wick cott land den shaw ridge borough ock ington');
  return heads.flatMap((h) => tails.map((t) => h + t));
})();

export const ORIGINS: Origin[] = [
  {
    name: 'English',
    share: 0.5,
    surnames: w(`Smith Jones Williams Taylor Brown Davies Wilson Evans Thomas Johnson Roberts Walker Wright Robinson Thompson White Hughes Edwards Green Hall
      Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell
      James Anderson Phillips Lee Bell Parker Davis Bennett Cook Carter Shaw Collins Richardson Mason Hunt Chapman Marshall Holmes Stevens Fisher Dixon Webb
      Ellis Palmer Cox Mills Barnes Knight Lloyd Butler Russell Barker Fletcher Stone Porter Hudson Riley Gibson Lawrence Pearson Booth Kelly Hart Cole Fox
      Atkinson Gray Bailey Dawson Rose Pearce Holland Ryan Andrews Bradley Burton Nicholson Fowler Hamilton Lowe Newman Barrett Simpson Chambers Payne Foster`).concat(ENGLISH_TAIL),
    boys: w(`Oliver George Harry Jack Noah Leo Arthur Oscar Charlie Freddie Alfie Theo Henry Archie Thomas William Joshua James Jacob Isaac Lucas Max
      Ethan Logan Daniel Samuel Joseph Edward Finley Teddy Reggie Tommy Albert Louie Jude Ronnie Harrison Mason Dylan Toby Riley Alexander Sebastian
      Benjamin Elijah Hugo Luca Stanley Frankie Jaxon Rory Ryan Callum Kyle Liam Connor Lewis Jamie Bradley Nathan Adam Luke Matthew Christopher Michael
      David Andrew Mark Paul Richard Robert Stephen Anthony Jonathan Peter Kevin Craig Darren Lee Dean Gary Wayne Shaun Martin Simon Jason Carl Ian Neil`),
    girls: w(`Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Willow Freya Florence Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna
      Daisy Phoebe Harper Sophie Ruby Millie Alice Matilda Isabelle Maya Lucy Esme Hallie Emilia Bonnie Luna Violet Penelope Erin Holly Chloe Amy Jessica
      Hannah Lauren Megan Bethany Rebecca Georgia Abigail Eleanor Katie Molly Scarlett Zara Imogen Layla Eliza Harriet Ellie Darcie Thea Jasmine Summer
      Sarah Laura Emma Claire Nicola Lisa Michelle Kelly Rachel Gemma Samantha Donna Joanne Stacey Kerry Leanne Natalie Helen Karen Tracey Louise`),
  },
  {
    name: 'Scottish',
    share: 0.05,
    surnames: w(`MacDonald Campbell Stewart Robertson Murray MacLeod Reid Ross Paterson Fraser McKenzie Henderson Morrison Kerr Ferguson Cameron Duncan
      Hunter Grant Mackay Johnstone McLean Sinclair Munro Gordon Burns Craig McIntosh Buchanan Drummond McGregor Forsyth Rennie Baird`),
    boys: w(`Jack Lewis Callum Ruaridh Angus Hamish Fraser Euan Finlay Alasdair Calum Kyle Ross Lachlan Struan Innes Murdo Fergus Duncan Ewan Craig Gregor Iain Alistair Archie`),
    girls: w(`Isla Eilidh Skye Ailsa Kirsty Morag Fiona Catriona Iona Mhairi Shona Rhona Heather Kirsten Lorna Eilish Orla Freya Niamh Ishbel Esme Aila`),
  },
  {
    name: 'Irish',
    share: 0.05,
    surnames: w(`Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill Reilly Doyle McCarthy Gallagher Doherty Kennedy Lynch Murray Quinn
      Moore McLaughlin Carroll Connolly Daly O'Connell Brennan Burke Collins Fitzgerald Flanagan Keane Regan Devlin McGuinness Nolan Maguire`),
    boys: w(`Jack Sean Conor Cian Oisin Darragh Patrick Ciaran Eoin Liam Rory Niall Padraig Fionn Tadhg Colm Declan Aidan Brendan Kieran Ronan Cathal Donal`),
    girls: w(`Aoife Niamh Saoirse Ciara Siobhan Roisin Orla Grainne Sinead Caoimhe Aisling Clodagh Eimear Maeve Ailbhe Deirdre Fionnuala Nuala Mairead Bridget`),
  },
  {
    name: 'Welsh',
    share: 0.04,
    surnames: w(`Jones Williams Davies Evans Thomas Roberts Lewis Hughes Morgan Griffiths Owen Rees Jenkins Price Lloyd Powell Pritchard Parry Bowen
      Howells Vaughan Pugh Llewellyn Gwynne Prosser Probert Meredith Rowlands`),
    boys: w(`Rhys Dylan Osian Ioan Gethin Cai Tomos Gruffydd Owain Iwan Aled Emyr Huw Dafydd Gareth Rhodri Macsen Elis Steffan Idris`),
    girls: w(`Ffion Seren Cerys Carys Mali Lowri Megan Eleri Bethan Nia Catrin Angharad Gwen Elin Sioned Rhiannon Alys Heledd Tirion Manon`),
  },
  {
    name: 'Polish',
    share: 0.04,
    surnames: w(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski
      Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński Król Majewski Olszewski`),
    boys: w(`Jakub Kacper Szymon Filip Antoni Jan Aleksander Franciszek Mikołaj Wojciech Adam Michał Bartosz Piotr Mateusz Krzysztof Tomasz Łukasz Paweł Marcin Dawid Igor Oskar`),
    girls: w(`Zuzanna Julia Maja Zofia Hanna Lena Alicja Maria Amelia Oliwia Natalia Wiktoria Aleksandra Magdalena Agnieszka Katarzyna Małgorzata Joanna Karolina Patrycja Weronika`),
  },
  {
    name: 'Romanian',
    share: 0.03,
    surnames: w(`Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin Mihai Florea Serban Lungu Dinu Moldovan Tudor Nistor Barbu Ene`),
    boys: w(`Andrei Alexandru David Stefan Mihai Gabriel Ionut Darius Matei Luca Cristian Florin Bogdan Vlad Adrian Razvan Sorin Ciprian Marius Costin`),
    girls: w(`Maria Ioana Andreea Elena Alexandra Daria Sofia Bianca Gabriela Alina Cristina Roxana Larisa Denisa Raluca Irina Mihaela Ana Ileana Florentina`),
  },
  {
    name: 'Pakistani',
    share: 0.06,
    surnames: w(`Khan Hussain Ahmed Ali Akhtar Iqbal Mahmood Shah Rehman Malik Butt Bibi Riaz Aslam Javed Rashid Anwar Mirza Qureshi Chaudhry Raja Saleem Nawaz Yousaf Tariq Abbasi`),
    boys: w(`Muhammad Mohammed Ibrahim Yusuf Ayaan Zayn Hamza Ali Abdullah Bilal Usman Umar Hassan Hussain Zain Adam Rayyan Haris Faizan Imran Kamran Tariq Asif Shahid Arslan Saad`),
    girls: w(`Maryam Aisha Fatima Zainab Hafsa Amina Inaya Hania Khadija Mariam Eshal Anaya Safa Iqra Sana Ayesha Nadia Sadia Rabia Saima Shabana Noor Mehwish Hira Areeba`),
  },
  {
    name: 'Indian',
    share: 0.04,
    surnames: w(`Patel Singh Kaur Sharma Gupta Kumar Shah Mistry Desai Joshi Mehta Parmar Chauhan Solanki Sandhu Gill Sidhu Dhillon Grewal Bhatt Nair Reddy Iyer Rao Pillai Chopra Kapoor Malhotra`),
    boys: w(`Arjun Aarav Vihaan Krish Rohan Aryan Dev Ishaan Jai Kabir Harjit Gurpreet Manpreet Rajesh Sanjay Vikram Amit Sunil Anil Ravi Karan Nikhil Rahul Deepak Harpreet`),
    girls: w(`Priya Anaya Diya Saanvi Aanya Ananya Isha Kavya Riya Simran Navneet Jaspreet Harleen Pooja Neha Anjali Sunita Meera Nisha Kiran Divya Shreya Asha Leela`),
  },
  {
    name: 'Bangladeshi',
    share: 0.03,
    surnames: w(`Begum Miah Uddin Ahmed Islam Rahman Hussain Ali Khatun Choudhury Hoque Alam Hassan Mahmud Sarkar Akter Karim Haque Ullah Bhuiyan Talukdar`),
    boys: w(`Mohammed Abdul Rayan Ayaan Ibrahim Yahya Ismail Arif Shafi Nabil Tahmid Rafi Sami Tanvir Shahriar Mahir Fahim Imran Jamal Rashid`),
    girls: w(`Fatema Nusrat Tasnim Sumaiya Ruksana Shirin Jannat Anika Nafisa Tahmina Farhana Rumana Sadia Maisha Tania Nabila Sabrina Shamima Halima Rokeya`),
  },
  {
    name: 'Somali',
    share: 0.02,
    surnames: w(`Mohamed Ahmed Ali Hassan Abdi Omar Warsame Farah Yusuf Osman Jama Abdullahi Hussein Ismail Nur Aden Egal Mohamud Elmi Dahir Guled`),
    boys: w(`Abdirahman Abdullahi Mohamed Ahmed Hassan Ali Yusuf Ayanle Guled Khalid Abdikarim Mahad Bashir Liban Zakariye Hamza Idris Sharmarke`),
    girls: w(`Hodan Ayan Fadumo Amina Hibo Sagal Ubah Nimco Hawa Ifrah Sahra Asli Safiya Halima Ladan Maryan Deeqa Najma Kowsar Idil`),
  },
  {
    name: 'Nigerian',
    share: 0.03,
    surnames: w(`Okafor Adeyemi Okonkwo Balogun Adebayo Ogunleye Eze Nwosu Olawale Babatunde Oyelaran Chukwu Afolabi Akinola Obi Okeke Nnamdi Ogunbiyi Oladipo Ibrahim Bello Abubakar`),
    boys: w(`Oluwaseun Chinedu Emeka Tobi Ayodele Oluwadamilare Chukwuemeka Adewale Olumide Tunde Femi Kunle Obinna Ikenna Chidi Segun Babajide Dayo Jide Tayo`),
    girls: w(`Oluwaseyi Chiamaka Adaeze Folake Temitope Ngozi Funmilayo Chioma Adunni Yetunde Bukola Ifeoma Nneka Titilayo Omolara Abimbola Ebere Kemi Toyin Amarachi`),
  },
  {
    name: 'Ghanaian',
    share: 0.015,
    surnames: w(`Mensah Asante Owusu Boateng Osei Appiah Agyeman Ofori Amoah Darko Acheampong Quaye Addo Tetteh Ankrah Kwarteng Frimpong`),
    boys: w(`Kwame Kofi Kwabena Kwaku Yaw Kojo Kwesi Nana Kobby Ebo Fiifi Ekow Paa Kwadwo Yaw`),
    girls: w(`Ama Akua Abena Adwoa Afia Efua Esi Yaa Akosua Adjoa Abla Dzifa Efia Araba Ekua`),
  },
  {
    name: 'Caribbean',
    share: 0.025,
    surnames: w(`Campbell Brown Williams Francis Grant Thompson Gordon Lewis Morgan Bailey Henry Clarke Reid Powell Samuels Barrett Beckford Wright Forbes McKenzie Edwards Sinclair`),
    boys: w(`Jermaine Tyrone Leon Marcus Dwayne Andre Nathaniel Kemar Shane Javon Kareem Jamal Tyrese Omari Kai Malachi Isaiah Elijah Zion Josiah`),
    girls: w(`Shanice Keisha Tanisha Jada Aaliyah Kiara Shantelle Chantelle Tiana Imani Nia Kemi Amara Simone Monique Danielle Jasmine Kayla Latoya Ebony`),
  },
  {
    name: 'Chinese',
    share: 0.02,
    surnames: w(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Wong Chan Cheung Lam Ng`),
    boys: w(`Wei Hao Jun Yi Jie Ming Hui Lei Bo Chen Tao Hong Qiang Kai Yang Zhen Ho Chun Kit Long`),
    girls: w(`Xin Ying Mei Lan Jing Yan Hui Na Fang Li Xiu Qing Ling Yu Hong Lin Ning Wen Yue Shan`),
  },
  {
    name: 'Arabic',
    share: 0.02,
    surnames: w(`Al-Hassan Al-Amin Haddad Khalil Saleh Mansour Nasser Hamdan Aziz Karim Al-Sayed Farouk Habib Rahim Abbas Youssef Al-Rashid Ibrahim Suleiman Darwish`),
    boys: w(`Omar Ahmad Khalid Youssef Karim Tariq Samir Faris Rami Ziad Hamza Bilal Mustafa Amir Malik Nabil Walid Majid Adnan Hadi`),
    girls: w(`Layla Nour Yasmin Rania Lina Dina Huda Salma Mariam Reem Lama Farah Jana Sara Aya Hiba Dalia Rana Amal Malak`),
  },
  {
    name: 'Turkish',
    share: 0.015,
    surnames: w(`Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek`),
    boys: w(`Mehmet Mustafa Ahmet Emre Burak Yusuf Eren Kerem Arda Efe Can Deniz Murat Hakan Onur Serkan Emir Baran Alp Berk`),
    girls: w(`Zeynep Elif Ayşe Defne Ecem Esra Merve Büşra Selin Ebru Derya Aylin Gizem Nur Ceren Sevgi Melis İrem Dilara Hatice`),
  },
  {
    name: 'Portuguese',
    share: 0.015,
    surnames: w(`Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho`),
    boys: w(`João Rodrigo Tiago Diogo Gonçalo Miguel Francisco Afonso Duarte Martim Rafael Bruno Pedro Nuno Ricardo Rui Hugo Vasco Tomás Santiago`),
    girls: w(`Beatriz Leonor Matilde Inês Carolina Mariana Margarida Rita Catarina Joana Sofia Ana Marta Diana Filipa Raquel Teresa Vitória Benedita Constança`),
  },
  {
    name: 'Lithuanian',
    share: 0.01,
    surnames: w(`Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas Urbonas Kavaliauskas Navickas Ramanauskas Savickas Rimkus Baranauskas`),
    boys: w(`Lukas Matas Jonas Dominykas Nojus Kajus Benas Domantas Tomas Mantas Arnas Rokas Gytis Karolis Darius Vytautas`),
    girls: w(`Emilija Sofija Gabija Kamilė Austėja Ugnė Lėja Goda Miglė Rugilė Viltė Urtė Ieva Greta Monika Rasa`),
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
