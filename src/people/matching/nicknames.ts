/**
 * Given-name equivalence groups: the other spellings a name is written in, and the short forms and
 * pet names a child is known by.
 *
 * Each entry is "Formal Other-spellings: nicknames". Before the colon are full forms of one name
 * (spellings and transliterations: Mohammed/Muhammad, Katherine/Catherine/Katarzyna); after it
 * are the names people use for someone with that name (Bill, Kate, Seun). The first name is the
 * one reasons are worded with ("nickname of William").
 *
 * Rules that keep twins apart (the worst error is linking two different children):
 * - A group never holds a boy's and a girl's full name together (Alexander and Alexandra,
 *   Daniel and Danielle, Louis and Louise are separate groups that merely share "Alex", "Dani",
 *   "Lou"). Equivalence is never chained through a shared nickname: "Alexander" and "Alexandra"
 *   are not nicknames of each other because no single group holds both.
 * - Two nicknames of the same name (Molly and Polly, Alfie and Freddie) are a weaker relation
 *   ("shared") than a nickname and its full name, because parents do give twins such pairs.
 * - Names popular in their own right are listed as nicknames only where the link is the usual one.
 *
 * Written by hand from common UK usage across the communities English councils serve (English,
 * Welsh, Scots, Irish, South Asian, Arabic, Somali, Nigerian, Ghanaian, Polish, Romanian,
 * Ukrainian/Russian, Spanish/Portuguese/Italian). Extend it as local data shows gaps.
 */
import { toAscii } from './ascii.js';

export const NICKNAMES: readonly string[] = [
  // --- Boys: English and general European ---
  'William Wilhelm Guillermo Guillaume Guilherme Wiliam: Bill Billy Will Willie Willy Liam Wills',
  'Robert Roberto Robbert: Bob Bobby Bobbie Rob Robbie Robby Bert Bertie',
  'Richard Ricardo Riccardo Ryszard: Rick Ricky Rickie Rich Richie Ritchie Dick Dickie',
  'James Jaime Seamus Shamus: Jim Jimmy Jimmie Jamie Jem',
  'John: Johnny Johnnie Jack Jackie Jock',
  'Jonathan Jonathon Johnathan Johnathon: Jon Jonny Jonnie Jonty Johnny',
  'Thomas Tomasz Tomas Tomos Tommaso: Tom Tommy Tommie Thom Tomek',
  'Michael Micheal Michal Mikael Michel Miguel Mikhail Mykhailo Mihai: Mike Mikey Mick Micky Mickey Misha',
  'Christopher Kristopher Christoper Cristopher Krzysztof Christoph Christophe Cristobal: Chris Kris Christy Kit Krzys',
  'Christian Kristian Krystian Cristian Christiaan: Chris Kris',
  'Alexander Alexandr Aleksander Aleksandr Aleksandar Alexandru Alessandro Alejandro Alexandre Oleksandr Iskander Iskandar: Alex Alec Alek Aleks Alexei Sasha Sacha Sascha Sandy Xander Zander Olek Sandro',
  'Andrew Andreas Andrzej Andrei Andrey Andriy Andres: Andy Drew',
  'Anthony Antony Antoni Antonio Anton Antoine: Tony Ant Anto Antek',
  'Benjamin Benjamen Beniamin: Ben Benji Benjy Benny',
  'Benedict Benedykt Benedetto: Ben Benny',
  'Charles Karol Carlos Carlo: Charlie Charley Chas Chaz Chuck',
  'Daniel Danial Daniyal Danyal: Dan Danny Dani Dannie',
  'David Dawid Dafydd Davide Daud Dawood Dawud: Dave Davey Davy Davie Dai Dewi',
  'Edward Edouard Eduardo Edvard Edoardo: Ed Eddie Eddy Ted Teddy Ned',
  'Edmund Edmond: Ed Eddie Ned',
  'Edwin: Ed Eddie',
  'Frederick Frederic Fredrick Frederik Fryderyk Friedrich Federico: Fred Freddie Freddy Fritz',
  'Alfred Alfredo: Alf Alfie Alfy Fred Freddie',
  'Wilfred Wilfrid: Wilf Fred Freddie',
  'Francis Francesco Francisco Franciszek Francois Franz: Frank Frankie Franky Fran Paco',
  'Franklin: Frank Frankie',
  'Gregory Grzegorz Gregor Gregorio: Greg Gregg Grisha',
  'George Georgios Jorge Jerzy Georg Gheorghe: Georgie Geordie Jurek',
  'Henry Henryk Henri Enrique Enrico Heinrich: Harry Hal Hank Hen',
  'Harold: Harry Hal',
  'Harrison: Harry',
  'Jacob Jakub Jakob Yaqub Yakub Yacoub Jacobo Jakov: Jake Jakey Kuba Koby Coby',
  'Joseph Josef Jozef Giuseppe Josip: Joe Joey Jo Jojo Joss Beppe Jozek',
  'Jose: Pepe',
  'Joshua Josue: Josh Joss',
  'Kenneth: Ken Kenny Kennie',
  'Lawrence Laurence Lorenzo Laurent Lorenz Wawrzyniec: Larry Laurie Lawrie Loz',
  'Leonard Leonardo Leonhard: Len Lenny Lennie Leo',
  'Leon: Leo',
  'Matthew Mathew Matthias Mathias Mateusz Matteo Mateo Mathieu: Matt Matty Mat Mati',
  'Nicholas Nicolas Nikolas Nikolaos Nicolaas Mikolaj Nikolai Nikolay Mykola Niccolo: Nick Nicky Nico Nik Niko Kolya',
  'Patrick Padraig Padraic Patryk Patricio: Pat Paddy Packie',
  'Peter Piotr Pieter Pietro Pedro Petr Petar Pierre Petros Peadar: Pete Petey Piotrek',
  'Philip Phillip Filip Felipe Philippe Filippo: Phil Pip',
  'Raymond Ramon Rajmund: Ray',
  'Ronald Ronaldo: Ron Ronnie Ronny',
  'Donald: Don Donnie Donny',
  'Samuel Samuil Shmuel: Sam Sammy Sammie',
  'Simon Szymon Simeon Shimon Semyon: Si Sim',
  'Stephen Steven Stephan Stefan Steffan Stefano Esteban Etienne Stepan: Steve Stevie Steph',
  'Terence Terrence Terance Terrance: Terry Tel',
  'Timothy Tymoteusz Timotheus: Tim Timmy Timo',
  'Walter Walther: Walt Wally',
  'Victor Wiktor Viktor Vittorio: Vic Vik',
  'Vincent Vincenzo Wincenty Vicente: Vince Vinnie Vinny',
  'Zachary Zachariah Zacharias Zachery Zachariasz: Zach Zack Zak Zac',
  'Maximilian Maksymilian Maximillian Maximiliano: Max Maxie Maks',
  'Maxwell: Max',
  'Maxim Maksim Maxime Maksym: Max',
  'Oliver Oliwer Olivier: Ollie Olly Oli',
  'Theodore Teodor Theodor Fyodor Fedor: Theo Ted Teddy',
  'Archibald: Archie Archy',
  'Arthur Artur Arturo: Art Artie Arty',
  'Albert Alberto Albrecht: Al Bert Bertie Albie',
  'Herbert: Herb Herbie Bert',
  'Gilbert: Gil Bert',
  'Sebastian Sebastien Sebastiano Sebastiao: Seb Sebby Bastian',
  'Nathaniel Nathanael Nathanial: Nat Nate Nathan',
  'Nathan: Nat Nate',
  'Isaac Isaak Izaak Izaac Isak Ishaq Ishak Yitzhak: Ike',
  'Gabriel Gavriel: Gabe',
  'Reuben Ruben Rubin: Rube',
  'Tobias Tobiasz: Toby Tobi Tobey',
  'Elijah Elija Eliyahu: Eli',
  'Elias Elyas: Eli',
  'Emmanuel Emanuel Manuel Manoel: Manny Manu Manolo',
  'Rafael Raphael Rafal Raffaele: Rafa Raf',
  'Ignatius Ignacy Ignacio: Iggy Nacho',
  'Bartholomew Bartlomiej Bartosz Bartolomeo: Bart Bartek',
  'Jeremy Jeremiah Jeremias: Jerry Jez',
  'Gerald Gerard Gerrard Gerhard Gerardo: Gerry Jerry Ged',
  'Jerome Hieronim: Jerry',
  'Dominic Dominik Dominick Domenico Domingo: Dom',
  'Louis Lewis Luis Ludovic Ludwik Ludwig Luigi: Lou Louie',
  'Luke Lukasz: Lukey',
  'Lucas Lukas Loukas',
  'Paul Pawel Paulo Paolo Pablo Pavel Pavlo: Paulie',
  'Mark Marc Marek Marko Marco: Marky',
  'Marcus Markus Marcos',
  'Martin Marcin Martyn Martino: Marty',
  'Mitchell Mitchel: Mitch',
  'Julian Julien Julius Juliusz Julio: Jules',
  'Eugene Eugeniusz Eugenio Evgeny Evgeni Yevgeny Yevhen: Gene Zhenya',
  'Stanley Stanislaw Stanislav: Stan Stas',
  'Kevin Kevan: Kev',
  'Geoffrey Jeffrey Jeffery Geoffery: Geoff Jeff',
  'Derek Derrick Derick Deric Derik: Del Dez',
  'Dennis Denis Denys: Den Denny',
  'Ernest Ernesto Ernst: Ernie',
  'Bernard Bernhard Bernardo: Bernie Barney',
  'Barry Barrie: Baz Bazza',
  'Gary Garry: Gaz Gazza',
  'Gareth: Gaz Gazza',
  'Adrian Adrien Adriano: Ade',
  'Alan Allan Allen Alun: Al',
  'Ashley Ashleigh Ashlee: Ash',
  'Bradley: Brad',
  'Cameron Kameron Camron: Cam Cammy',
  'Clifford: Cliff',
  'Colin Collin: Col',
  'Douglas: Doug Dougie',
  'Gordon: Gordie Gordy',
  'Stuart Stewart: Stu',
  'Graham Graeme Grahame',
  'Howard: Howie',
  'Montgomery: Monty',
  'Neville Nevil: Nev',
  'Norman: Norm Norrie',
  'Oscar Oskar: Ossie Ozzie Oz',
  'Oswald: Ozzy Ossie Oz',
  'Randolph Randall Randal: Randy',
  'Reginald: Reg Reggie',
  'Roderick Rodrigo: Rod Roddy',
  'Rodney: Rod',
  'Russell Russel: Russ Rusty',
  'Spencer: Spence',
  'Sidney Sydney: Sid Syd',
  'Trevor: Trev',
  'Tristan Tristram Tristen: Tris',
  'Wesley Westley: Wes',
  'Leslie: Les',
  'Augustus August Augustine Agustin: Gus Augie',
  'Angus Aonghas: Gus',
  'Fergus: Fergie Gus',
  'Lachlan Lachlann Lochlan Lochlann: Lachie Lochie',
  'Malcolm: Mal Malky',
  'Alistair Alastair Alasdair Allister Alister: Al Ally',
  'Ian Iain',
  'Hugh Huw Hew Hugues: Hughie',
  'Llewellyn Llywelyn Llewelyn Lewellyn: Llew Lew',
  'Gruffydd Gruffudd Griffith: Griff',
  'Rhys Reece Reese Rees',
  'Sean Shaun Shawn',
  'Ciaran Kieran Kieron Keiran Kyran Kieren Keiron',
  'Eoin Owen Owain Eoghan',
  'Ewan Euan Ewen Eoghan',
  'Niall Neil Neal Neill Niel Nial Neale',
  'Callum Calum Kallum Kalum',
  'Connor Conor Conner Konnor',
  'Aidan Aiden Ayden Aden Aedan Aidyn',
  'Jayden Jaiden Jaden Jaydon Jaydan Jadon',
  'Mason Maison Mayson',
  'Riley Rylee Ryley Reilly Rylie',
  'Tyler Tylor',
  'Ryan Rian Ryen',
  'Aaron Aron Arron',
  'Jason Jayson: Jay Jase',
  'Finley Finlay Findlay Finnley: Finn Fin',
  'Elliot Elliott Eliot Eliott',
  'Ethan Ethen',
  'Kai Kye',
  'Noah Noa',
  'Caleb Kaleb',
  'Felix Feliks',
  'Kacper Kasper Caspar Casper',
  'Kamil Camil',
  'Igor Ihor',
  'Wojciech: Wojtek',
  'Ivan Iwan: Vanya',
  'Dmitri Dmitry Dimitri Dmytro Dimitrios Dimitar: Dima Mitya',
  'Vladimir Volodymyr Wlodzimierz: Vova Volodya Vlad',
  'Sergei Sergey Serhiy Sergiy Sergio Serge Sergiusz',
  'Oleg Oleh',
  'Yuri Yuriy Yury Iurii',
  'Vasile Vasili Vasyl Vasily Wasyl: Vasya',
  'Konstantin Konstantyn Constantine Konstanty: Kostya',
  'Ioan Ion Ionut Ionel',
  // --- Boys: Arabic, Somali, Turkish and South Asian Muslim names ---
  'Mohammed Muhammad Mohammad Mohamed Mohamad Muhammed Mohammod Muhamed Mahomed Muhamad Mohammud Mohamet Mehmet Muhammet: Mo Moe Mohd Md',
  'Mahmoud Mahmood Mahmud Mehmood Mohamud Mahmut Mahamud',
  'Ahmed Ahmad Ahmet Ahamed Ahmaad',
  'Hussain Hussein Husain Hossain Husein Hussien Hossein Huseyin',
  'Hassan Hasan Hasaan',
  'Yusuf Yousef Yusef Yousuf Youssef Yousif Yussuf Yosef',
  'Ibrahim Ebrahim Ibraheem Ibrahima Brahim',
  'Ismail Ismael Ismaeel Esmail Ismaail Ishmael',
  'Abdullah Abdallah Abdulla Abdullahi Abdillahi Abdulahi: Abdul',
  'Abdulrahman Abdurrahman Abdelrahman Abdirahman Abdurahman Abdalrahman: Abdul',
  'Abdulaziz Abdelaziz: Abdul',
  'Abdulkadir Abdulqadir Abdikadir Abdelkader Abdulkader: Abdul',
  'Abdulkarim Abdikarim Abdelkarim: Abdul Abdi',
  'Abdirizak Abdirazak Abdulrazak Abdulrazaq: Abdi',
  'Mustafa Mostafa Mustapha Moustafa',
  'Omar Umar Omer Umer Oumar',
  'Osman Usman Uthman Othman Usmaan',
  'Hamza Hamzah Hamzeh',
  'Bilal Belal Bilaal',
  'Ali Aly Alee',
  'Hamid Hameed Hamed',
  'Rashid Rasheed Rachid Rashed',
  'Khalid Khaled',
  'Tariq Tarik Tarek Tareq Tarique',
  'Sulaiman Suleiman Sulayman Suleman Suleyman',
  'Idris Idrees Idriss',
  'Zakaria Zakariya Zakariyya Zakariyah Zakariah Zakarya: Zak',
  'Yahya Yahia Yehya',
  'Younis Younes Yunus Yunis Younus',
  'Ilyas Ilias Iliyas',
  'Imran Imraan Emran',
  'Faisal Faysal Feisal',
  'Rayan Rayyan Raiyan Rayaan',
  'Ayaan Ayan Aayan',
  'Zain Zayn Zayne Zein',
  'Adam Adem Aadam',
  'Amir Ameer',
  'Mohsin Muhsin Mohsen',
  'Shahid Shahed Shaheed',
  'Rehan Rayhan Raihan Reyhan',
  'Junaid Junayd',
  'Harun Haroon Haroun',
  // --- Boys: Sikh, Hindu and other South Asian names ---
  'Rajesh: Raj',
  'Rajinder Rajender Rajendra: Raj',
  'Rajveer Rajvir: Raj',
  'Gurpreet Gurprit: Preet',
  'Harpreet Harprit: Preet',
  'Jaspreet Jasprit: Jas Preet',
  'Manpreet Manprit: Mani Preet',
  'Sukhwinder Sukhvinder: Sukhi Sukh',
  'Kulwinder Kulvinder: Kully',
  'Parminder Parmindar: Parm',
  'Amandeep Amandip: Aman',
  'Navdeep Navdip: Nav',
  'Pradeep Pardeep Pradip: Deep',
  'Sandeep Sandip Sundeep: Sandy Sunny',
  'Sanjay Sanjai: Sanj',
  'Deepak Dipak',
  'Vijay Vijai',
  'Krishna Krishan: Krish',
  'Siddharth Sidharth Siddhartha: Sid',
  'Abhishek Abhisek: Abhi',
  // --- Boys: Nigerian and Ghanaian names ---
  'Oluwaseun Oluwasheun: Seun',
  'Oluwatobiloba Oluwatobi Tobiloba: Tobi',
  'Oluwadamilare Damilare: Dami',
  'Oluwafemi Olufemi: Femi',
  'Adebayo: Bayo',
  'Babatunde: Tunde',
  'Adewale: Wale',
  'Olawale: Wale',
  'Olusegun Oluwasegun: Segun',
  'Oluwaseyi: Seyi',
  'Ayodeji: Ayo Deji',
  'Ayodele: Ayo Dele',
  'Chukwuemeka: Emeka',
  'Chinedu: Nedu',
  'Oluwatimilehin Timilehin: Timi',
  'Kofi Koffi',
  'Kwaku Kweku',
  'Kwabena Kobina',
  'Kwame Kwamena',
  'Yaw Yao',
  // --- Girls: English and general European ---
  'Elizabeth Elisabeth Elzbieta Elisabetta Elisabet Elizaveta Yelizaveta: Liz Lizzie Lizzy Liza Lisa Beth Betty Betsy Bess Bessie Eliza Libby Lilibet Elsie Ela Lisbeth Liesl',
  'Margaret Margarita Margherita Marguerite Margareta Malgorzata Margaretha: Maggie Meg Peggy Peg Madge Marge Margie Mags Greta Gosia Rita',
  'Katherine Catherine Kathryn Katharine Catharine Kathrine Katarzyna Katerina Ekaterina Yekaterina Kateryna Caterina Katarina Catalina: Kate Kath Kathy Katie Katy Cathy Cath Kat Kitty Kasia Katya',
  'Kathleen Cathleen: Kath Kathy Kay',
  'Caitlin Kaitlyn Katelyn Caitlyn Kaitlin Katelynn: Cait Caity Katie',
  'Mary Marie Maria Mair Maire Mari Mariya Marija: Molly Mollie Polly Mae May Mamie Masha Mimi',
  'Anne Ann Anna Ana Anya Anja Ania: Annie Nan Nancy Anka',
  'Alexandra Aleksandra Alessandra Alejandra Oleksandra: Alex Alexa Sasha Sacha Sandy Lexi Lexie Ola',
  'Christine Christina Kristina Kristine Krystyna Cristina Kristin Kirsten Kirstin Kirsty Kirstie: Chris Chrissie Chrissy Tina Kris',
  'Danielle Daniella Daniela: Dani Danni',
  'Joanna Joanne Johanna Joann Joana Ioana: Jo Jojo Asia',
  'Josephine Josefina Jozefina Josefine: Jo Josie Jojo Fifi',
  'Zofia Sophia Sofia Sophie Sofie Sofiya Sophy: Zosia Soph',
  'Natalia Natalie Nathalie Natalya Natalija Nataliya: Natasha Nat Tasha Talia',
  'Anastasia Anastazja Anastasiya Anastasija: Nastya Stasia Tasia Stacey Stacy',
  'Olga Olha: Olya',
  'Helen Helena Helene Elena Olena Yelena Jelena Eleni: Lena Nell Nellie',
  'Irene Irena Irina Iryna: Ira',
  'Tatiana Tatyana Tetiana Tetyana Tatjana: Tanya Tania Tanja',
  'Svetlana Svitlana: Sveta Lana',
  'Lyudmila Ludmila Liudmyla Ludmilla: Lyuda Mila',
  'Julia Yulia Yuliya Iuliia Giulia Julija: Jules Julie',
  'Juliet Juliette Julieta Giulietta: Jules',
  'Daria Darya Dariya: Dasha',
  'Ksenia Kseniya Xenia Oksana: Ksusha',
  'Victoria Viktoria Wiktoria Vittoria Viktoriya: Vicky Vicki Vickie Tori Tory Vika',
  'Veronica Veronika Weronika: Ronnie Nika',
  'Magdalena Magdalene Madeleine Madeline Madelyn Madalina: Maddie Maddy Magda',
  'Dorothy Dorothea Dorota Dorotea: Dot Dotty Dottie Dolly Dora',
  'Eva Ewa',
  'Evelyn Evelina Eveline Evelyne: Evie Eve',
  'Barbara Barbra Barbora: Babs Barb Barbie Basia',
  'Emily Emilie Emely: Em Emmy Emmie Millie Milly',
  'Emilia Emiliya: Em Emmy Mila',
  'Emma Ema: Em Emmy Emmie',
  'Amelia Amalia: Millie Milly Mel',
  'Amy Aimee Amie Ami Aimie Amee',
  'Isabel Isabella Isabelle Izabela Izabella Isobel Isabela: Bella Belle Izzy Izzie Issy Isa',
  'Eleanor Elinor Eleanore Elenor Eleonora Leonora: Ellie Elly Nell Nellie Nora Elle',
  'Rebecca Rebekah Rebeca Rebekka: Becky Becca Bex Beck',
  'Jennifer Jenifer: Jen Jenny Jenni Jennie',
  'Jessica Jesica Jessika: Jess Jessie Jessi',
  'Samantha: Sam Sammy Sammie Sammi',
  'Stephanie Stefanie Stephany: Steph Steff Stevie',
  'Abigail Abigale Abbigail: Abby Abbie Abbey Abi',
  'Caroline Carolyn Carolina Karolina Karoline: Carrie Caz Caro',
  'Charlotte: Charlie Charley Lottie Lotty Lotte',
  'Deborah Debora Debra: Deb Debbie Debby Debs',
  'Diana Diane Dianne Dianna: Di',
  'Frances Francesca Francine Franciszka Francoise: Fran Frankie Franny Fanny Cesca Chesca',
  'Gillian Jillian: Gill Jill Gilly',
  'Harriet Harriett Henrietta: Hattie Hatty Hetty',
  'Jacqueline Jaqueline Jacquelyn Jaclyn: Jackie Jacqui Jacky',
  'Janet Janette Jeanette: Jan Netty',
  'Jane Jayne: Janie Jan',
  'Judith Judit Judyta: Judy Judi Jude',
  'Kimberley Kimberly: Kim Kimmy',
  'Leanne Lianne Leann Leeanne Leighanne',
  'Leah Lea Lia Leia',
  'Louise Louisa Luisa Luiza: Lou Lulu Louie',
  'Lucy Lucie Lucia Lucja: Lulu',
  'Lucinda: Cindy Lucy',
  'Cynthia: Cindy',
  'Matilda Mathilda Mathilde Matylda: Tilly Tillie Tilda Mattie',
  'Megan Meghan Meagan Meaghan: Meg',
  'Melissa Melisa: Mel Missy Lissa',
  'Melanie Melany Melania: Mel',
  'Michelle Michele Mishelle: Shell Shelley Shelly',
  'Michaela Mikaela Micaela Mikayla',
  'Nicola Nicole Nichola Nicolette Nikole: Nicky Nikki Nicki Nic',
  'Olivia Oliwia: Liv Livvy Livia Ollie Olly',
  'Pamela: Pam Pammy',
  'Patricia Patrycja: Pat Patty Patsy Tricia Trish Trisha',
  'Penelope: Penny Pen',
  'Philippa Phillipa Filipa: Pippa Pip',
  'Rachel Rachael Rachelle Raquel: Rach Rae',
  'Rose Rosa Roza: Rosie',
  'Rosemary Rosemarie: Rosie Rose',
  'Rosalind Rosalyn Rosaline: Ros Roz Rosie',
  'Sarah Sara Saara: Sal Sally Sadie',
  'Susan Suzanne Susanna Susannah Suzanna Zuzanna Susanne: Sue Susie Suzy Suzie Sukie',
  'Teresa Theresa Tereza Therese: Tess Tessa Tessie Terri',
  'Valerie Valeria: Val',
  'Valentina Walentyna: Val',
  'Vanessa: Nessa Ness',
  'Virginia: Ginny Ginnie',
  'Vivian Vivienne Viviana Vivien: Viv',
  'Wilhelmina: Minnie Mina Willa',
  'Winifred: Winnie Win',
  'Gwendolyn Gwendoline Gwendolen: Gwen',
  'Gwyneth Gwynneth: Gwen',
  'Yvonne Iwona Evonne: Vonnie',
  'Agnes Agnieszka Agnese: Aggie Aga',
  'Alice Alicja Alicia Alys: Ally Allie',
  'Alison Allison Alyson Allyson: Ally Allie',
  'Amanda: Mandy Manda',
  'Angela Angelika: Angie',
  'Angelina: Angie',
  'Antonia Antonina: Toni Tonia',
  'Beatrice Beatrix Beatriz: Bea Trixie',
  'Bridget Brigid Bridgette Brigitte Brygida: Biddy Bridie',
  'Cassandra Kassandra: Cass Cassie',
  'Cecilia Cecily Cecylia Cicely: Cissy Cece',
  'Claire Clare Clair',
  'Clara Klara Chiara',
  'Constance Konstancja: Connie',
  'Dolores: Lola Lolita Dolly',
  'Edith Edyta: Edie',
  'Eileen Aileen Ilene',
  'Eloise Eloisa Heloise',
  'Esther Ester Estera: Essie Hetty',
  'Felicity Felicia Felicja: Flick Fliss',
  'Florence Florentyna: Flo Florrie Flossie',
  'Georgia Georgina Giorgia Georgiana: Georgie Gina',
  'Geraldine: Gerry Geri',
  'Gertrude: Gertie Trudy',
  'Grace Grazia: Gracie',
  'Hannah Hanna Hana Hanah: Han',
  'Hayley Haley Hailey Haylee Hailee Hayleigh',
  'Hilary Hillary: Hils',
  'Jade Jayde Jaide',
  'Jasmine Jasmin Jazmin Jazmine Jasmyn Yasmin Yasmine Yasmeen Yazmin: Jas Jaz Yaz',
  'Jemima: Mima',
  'Karen Karin Karyn Caren: Kaz',
  'Kayleigh Kayley Kaylee Kailey Caleigh Kaleigh',
  'Lillian Lilian Liliana: Lily Lil',
  'Lily Lilly Lillie Lilli Lili',
  'Lorraine Loraine: Lori',
  'Lydia Lidia: Liddy',
  'Martha Marta: Mattie',
  'Maureen Maurine: Mo',
  'Maxine: Max',
  'Mildred: Millie Milly',
  'Millie Milly',
  'Nora Norah',
  'Phoebe Phebe: Phoebs',
  'Priscilla: Cilla',
  'Prudence: Prue Pru',
  'Roxanne Roxana Roksana: Roxy',
  'Sandra: Sandy',
  'Shannon Shanon',
  'Sharon Sharron: Shaz',
  'Sheila Shelagh Sheelagh',
  'Sylvia Silvia Sylwia Sylvie',
  'Tamara Tamera: Tammy',
  'Theodora Teodora: Thea Dora',
  'Tracey Tracy Tracie',
  'Zoe Zoey Zoie',
  'Chloe Khloe Cloe',
  'Freya Freyja Freja',
  'Imogen Imogene: Immy',
  'Scarlett Scarlet',
  'Sienna Siena',
  'Darcey Darcy Darci Darcie',
  'Holly Hollie',
  'Ruby Rubie',
  'Evie Evey',
  'Andrea Andreea: Andi',
  // --- Girls: Irish, Welsh and Scots ---
  'Siobhan Shivaun Shevaun Chevonne Shivonne',
  'Niamh Neve Neave Nieve Neeve',
  'Aoife Eefa',
  'Sinead Shinead',
  'Caoimhe Keeva',
  'Saoirse Seersha',
  'Roisin Rosheen',
  'Grainne Grania',
  'Bronwen Bronwyn: Bron',
  'Rhiannon Rhianon: Rhi',
  // --- Girls: Arabic, Somali, Turkish and South Asian Muslim names ---
  'Aisha Aysha Ayesha Aishah Ayisha Aicha Ayshah Aiesha Aishat',
  'Fatima Fatimah Fatma Fathima Fatuma Fadumo Faduma Fatemeh: Fati',
  'Khadija Khadijah Khadeeja Khadeejah Kadija Hadija',
  'Zainab Zaynab Zeinab Zeynep Zaineb Zenab',
  'Maryam Mariam Miriam Maryum Mariyam Meryem Myriam',
  'Amina Aminah Ameena Ameenah Aminat Aminata',
  'Hafsa Hafsah',
  'Safiya Safiyah Safia Safiyyah',
  'Sumaya Sumaiya Sumayya Sumayyah',
  'Ruqayyah Ruqayya Ruqaiya Rukiya Ruqaya',
  'Hajra Hajira Hajar',
  'Halima Halimah Haleema Haleemah Halimo',
  'Asma Asmaa',
  'Noor Nur Nour',
  'Layla Leila Laila Leyla Lailah Laylah Lejla',
  'Aaliyah Aliyah Aliya Aaliya Alia',
  'Inaya Inaaya Enaya Inayah',
  'Samira Sameera Samirah',
  'Nadia Nadya Nadiya Nadiyah',
  'Salma Selma',
  'Iman Eman Imaan',
  // --- Girls: South Asian names ---
  'Priyanka: Priya',
  'Lakshmi Laxmi',
  'Sunita Suneeta',
  'Pooja Puja',
  'Shreya Shriya Sreya',
  'Simran Simren',
  // --- Girls: Nigerian and Ghanaian names ---
  'Oluwadamilola Damilola: Dami Lola',
  'Oluwatosin: Tosin',
  'Oluwabukola Bukola: Bukky Buki',
  'Oluwakemi Olukemi: Kemi',
  'Oluwatoyin: Toyin',
  'Olamide: Lamide Mide',
  'Ayomide: Ayo Mide',
  'Temitope: Tope Temi',
  'Oluwatomisin Tomisin: Tomi',
  'Oluwanifemi: Nifemi',
  'Abimbola Bimbola: Bimbo',
  'Oluwafunmilayo Olufunmilayo Funmilayo: Funmi',
  'Chiamaka: Amaka',
  'Nkechinyere: Nkechi',
  'Oluwadarasimi Darasimi: Dara Simi',
  'Akosua Akosuah',
  'Adwoa Adjoa',
  'Abena Abenaa',
];

/** One name's place in the table: which group, and whether it is a full form there. */
interface Membership {
  readonly group: number;
  readonly formal: boolean;
}

interface Group {
  readonly names: readonly string[]; // as written, formal forms first
  readonly keys: ReadonlySet<string>;
}

/** Fold a name to the table's key: lower-case ASCII letters only ("Zoë" → "zoe", "Mc Ann" → "mcann"). */
const keys = new Map<string, string>();

/** The table's key for a name (remembered: matching asks for the same few thousand names all the time). */
function key(name: string): string {
  let k = keys.get(name);
  if (k === undefined) {
    k = toAscii(name).replace(/[^a-z]/g, '');
    if (keys.size >= 100_000) keys.clear();
    keys.set(name, k);
  }
  return k;
}

function buildIndex(): { groups: Group[]; members: Map<string, Membership[]> } {
  const groups: Group[] = [];
  const members = new Map<string, Membership[]>();
  NICKNAMES.forEach((entry, group) => {
    const [formalPart = '', nickPart = ''] = entry.split(':');
    const formal = formalPart.trim().split(/\s+/).filter(Boolean);
    const nicks = nickPart.trim().split(/\s+/).filter(Boolean);
    const names = [...formal, ...nicks];
    groups.push({ names, keys: new Set(names.map(key)) });
    for (const [i, name] of names.entries()) {
      const k = key(name);
      const list = members.get(k) ?? [];
      list.push({ group, formal: i < formal.length });
      members.set(k, list);
    }
  });
  return { groups, members };
}

const { groups: GROUPS, members: MEMBERS } = buildIndex();

/**
 * How two different given names are related in the table:
 * - `spelling`: two full forms of one name (Mohammed and Muhammad, Katherine and Katarzyna);
 * - `nickname`: a full form and one of its nicknames (William and Bill);
 * - `shared`: two nicknames of the same name (Bill and Billy, Molly and Polly). Weaker: parents
 *   name twins this way, so scoring treats it with caution.
 * `name` is the full form the reason is worded with.
 */
export interface NicknameRelation {
  readonly kind: 'spelling' | 'nickname' | 'shared';
  readonly name: string;
}

const STRENGTH = { spelling: 3, nickname: 2, shared: 1 } as const;

export function nicknameRelation(a: string, b: string): NicknameRelation | null {
  const ka = key(a);
  const kb = key(b);
  if (ka === '' || kb === '' || ka === kb) return null;
  let best: NicknameRelation | null = null;
  for (const ma of MEMBERS.get(ka) ?? []) {
    for (const mb of MEMBERS.get(kb) ?? []) {
      if (ma.group !== mb.group) continue;
      const names = GROUPS[ma.group]!.names;
      let relation: NicknameRelation;
      if (ma.formal && mb.formal) relation = { kind: 'spelling', name: names[0]! };
      else if (ma.formal || mb.formal) {
        // Word the reason with the full form actually involved: "nickname of Katarzyna" for Kasia.
        const full = ma.formal ? a : b;
        const written = names.find((n) => key(n) === key(full)) ?? names[0]!;
        relation = { kind: 'nickname', name: written };
      } else relation = { kind: 'shared', name: names[0]! };
      if (best === null || STRENGTH[relation.kind] > STRENGTH[best.kind]) best = relation;
    }
  }
  return best;
}

/**
 * True when two different names are equivalent under the table (spelling variants, a nickname of
 * a full name, or two nicknames of one name). The same name twice is not a nickname: compare
 * names for equality first. Not transitive: Alexander~Alex and Alex~Alexandra, but not
 * Alexander~Alexandra.
 */
export function areNicknames(a: string, b: string): boolean {
  return nicknameRelation(a, b) !== null;
}

/**
 * Every name the table holds as equivalent to this one (itself included), as written in the
 * table, full forms first; [] when the name is not in the table. For a nickname in several groups
 * ("Alex") this is the union of those groups.
 */
export function nicknameGroup(name: string): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  for (const m of MEMBERS.get(key(name)) ?? []) {
    for (const n of GROUPS[m.group]!.names) {
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      result.push(n);
    }
  }
  return result;
}
