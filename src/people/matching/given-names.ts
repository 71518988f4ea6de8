/**
 * Given names that are names in their own right, whatever this index holds.
 *
 * Spotting a typing slip leans on the index's own counts: a spelling few people have, one
 * keystroke from a name many have, is a slip ("Anajli" for Anjali). That fails for a real name the
 * index happens to hold rarely: twins Lily and Lila in a council where Lila is otherwise unknown
 * would read as one child with a slip, and the worst error is linking two different children. So
 * a spelling listed here, or in the nickname table, is never taken for a slip.
 *
 * Written by hand from the given names common in England and Wales across the last sixty years,
 * and in the communities English councils serve, with the look-alike pairs parents give twins in
 * mind (Lily/Lila, Ella/Bella, Mia/Maya, Jack/Jake). Forms the nickname table already holds need
 * not be repeated. Extend it as local data shows gaps.
 */
import { toAscii } from './ascii.js';
import { nicknameGroup } from './nicknames.js';

const GIRLS = `
  Aaliyah Abbie Abby Abigail Ada Addison Adele Adriana Agnes Aila Ailsa Aimee Aisha Aleena Alexa Alexis Alice Alicia Alina Alisha
  Alison Alissa Aliyah Alys Amaya Amber Amelia Amelie Amira Amna Amy Anais Anaya Andrea Angel Angela Angelina Anisa Anita Anna
  Annabel Annabelle Annie Anya Aria Ariana Arianna Ariella Arya Asha Ashleigh Ashley Aurora Autumn Ava Avani Ayla Aylin Ayesha
  Bailey Beatrice Bella Beth Bethan Bethany Bianca Billie Blake Bonnie Brooke Brooklyn Caitlin Cali Cara Carla Carly Carmen Caroline
  Carys Cassie Catrin Cecilia Celia Chantelle Charlie Charlize Charlotte Chelsea Cherry Chloe Ciara Claire Clara Clare Cleo Courtney
  Daisy Dana Dani Danielle Darcey Darcie Darcy Dawn Delilah Demi Denise Diana Dina Dolly Dona Donna Dora Eden Edie Edith Eileen
  Elena Eleni Elif Elin Elina Elisa Elise Eliza Elizabeth Ella Elle Ellie Ellis Eloise Elsa Elsie Elspeth Emilia Emilie Emily Emma
  Emmie Erin Esme Esther Eva Evelyn Evie Faith Fatima Felicity Ffion Fiona Florence Frankie Freya Gabriella Gabrielle Gemma Georgia
  Georgie Gia Gina Grace Gracie Hafsa Hailey Haleema Halle Hallie Hana Hania Hannah Harley Harper Harriet Hazel Heidi Helen Helena
  Hollie Holly Hope Imogen India Inaya Ines Iona Iris Isabel Isabella Isabelle Isha Isla Isobel Ivy Jade Jana Jane Jasmine Jayda
  Jemima Jenna Jennifer Jessica Jessie Jodie Jorja Josie Julia Julie Juliet June Kara Karen Kate Katie Kayla Keira Kelly Kiera Kim
  Kira Kirsty Kitty Lacey Laila Lana Lara Laura Lauren Layla Lea Leah Leila Lena Leona Lexi Lexie Lia Liberty Lila Lilah Lili Lilia
  Lilian Lilly Lily Lina Lisa Lola Lorna Lottie Louisa Louise Lucia Lucie Lucy Lula Luna Lydia Lyla Mabel Macy Madeleine Madison
  Maeve Maia Maisie Maisy Malak Mali Maria Mariam Marie Marnie Martha Mary Maryam Matilda Maya Megan Meghan Melissa Mia Michelle
  Mila Milla Millie Mina Mira Miriam Molly Morgan Mya Nadia Naomi Natalie Nel Nell Nellie Nia Nicole Nina Noor Nora Norah Nova
  Olive Olivia Orla Paige Paris Pearl Penelope Penny Phoebe Pippa Polly Poppy Priya Rachel Rebecca Reem Remi Rhea Rhiannon Riley
  Rita Robyn Rosa Rose Rosie Rowan Ruby Ruth Sadie Safa Safiya Sally Samantha Sana Sara Sarah Sasha Savannah Scarlett Seren Serena
  Shannon Shauna Sian Sienna Skye Sofia Sophia Sophie Stella Summer Sumaya Suri Tahlia Tara Tegan Thea Tia Tiana Tilly Trinity
  Valentina Vanessa Victoria Violet Willow Yasmin Yusra Zahra Zainab Zara Zoe Zoey Zuzanna
`;

const BOYS = `
  Aaron Abdul Abdullah Adam Adrian Ahmad Ahmed Aidan Aiden Alan Albert Alex Alexander Alfie Alfred Ali Alistair Amir Andre Angus
  Archer Archie Arlo Arthur Arun Asher Austin Axel Ayaan Ayden Bailey Barney Barry Ben Benjamin Bilal Blake Bobby Bradley Brandon
  Brian Brody Bruno Caleb Callum Calvin Cameron Carl Carter Cai Casey Cassius Charles Charlie Chester Christian Christopher Cian
  Clark Colin Connor Conor Cooper Craig Cruz Daniel Danny Darius Darren David Dean Declan Dexter Dominic Douglas Dylan Eddie Eden
  Edward Eli Elias Elijah Elliot Elliott Ellis Emil Emir Enzo Eric Ethan Evan Ewan Ezra Fabian Felix Finley Finn Finnley Francis
  Frank Frankie Fraser Freddie Frederick Gabriel Gareth Gary George Gethin Glen Graham Grayson Gregor Hamza Harley Harris Harrison
  Harry Harvey Hassan Hayden Henry Hudson Hugo Hunter Hussain Ian Ibrahim Idris Isaac Isaiah Ishaan Ivan Jack Jackson Jacob Jaden
  Jake Jamal James Jamie Jared Jasper Jay Jayden Jenson Jesse Joe Joel Joey John Jonah Jordan Joseph Josh Joshua Jude Jules Julian
  Kai Karl Karim Kayden Keith Kenneth Kevin Kian Kieran Kit Kyle Lachlan Lennon Lenny Leo Leon Leonardo Levi Lewis Liam Lincoln
  Logan Louie Louis Luca Lucas Luke Lyle Malik Marcus Mark Marley Martin Mason Matteo Matthew Max Maximilian Mehmet Michael Miles
  Milo Mohammed Morgan Muhammad Musa Nathan Nathaniel Neil Niall Nicholas Noah Oakley Oliver Ollie Omar Oscar Otis Owen Patrick
  Paul Peter Philip Ralph Ravi Rayan Rayyan Reece Reggie Rehan Rhys Richard Riley Robert Robin Roman Ronan Ronnie Rory Rowan Ruben
  Rufus Ryan Sam Samuel Scott Sean Sebastian Seth Shane Simon Sonny Stanley Stephen Steven Taylor Teddy Theo Thomas Tim Timothy
  Toby Tom Tommy Tony Travis Tristan Troy Tyler Umar Usman Victor Vincent Wayne Wilfred William Wyatt Xavier Yahya Yasin Yousef
  Yusuf Zac Zach Zachary Zain Zak Zane Zayn
`;

const KNOWN = new Set<string>([...`${GIRLS} ${BOYS}`.split(/\s+/)].filter(Boolean).map((n) => toAscii(n).replace(/[^a-z]/g, '')));

/**
 * True when `name` (a written name or an ASCII key) is a given name in its own right: listed above,
 * or any form the nickname table holds. Such a spelling is never taken for a slip of another.
 */
export function isKnownGivenName(name: string): boolean {
  const k = toAscii(name).replace(/[^a-z]/g, '');
  return KNOWN.has(k) || nicknameGroup(name).length > 0;
}
