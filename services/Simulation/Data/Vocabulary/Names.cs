namespace Profiles.Simulation.Data.Vocabulary;

/// <summary>Given names and family names from many places, so a page of members looks like a real network.</summary>
internal static class Names
{
    public static readonly string[] First =
    [
        "Aaliyah", "Aarav", "Abigail", "Adebayo", "Aditi", "Ahmed", "Aiko", "Alejandro", "Alessandro", "Alice",
        "Amara", "Amelia", "Ana", "Andrea", "Anika", "Arjun", "Astrid", "Ava", "Beatriz", "Benjamin",
        "Bilal", "Camila", "Carlos", "Caroline", "Chen", "Chiara", "Chloe", "Chukwuemeka", "Daniel", "Daniela",
        "David", "Diego", "Dmitri", "Elena", "Elif", "Elijah", "Emeka", "Emily", "Emma", "Erik",
        "Esther", "Ethan", "Fatima", "Felipe", "Fiona", "Francesca", "Freya", "Gabriel", "Grace", "Hana",
        "Hannah", "Haruto", "Hiroshi", "Ibrahim", "Ingrid", "Isabel", "Isabella", "Ivan", "Jack", "James",
        "Javier", "Ji-woo", "Jonas", "Joseph", "Julia", "Kai", "Kamala", "Karim", "Kateryna", "Kenji",
        "Kofi", "Lars", "Laura", "Layla", "Leila", "Leon", "Liam", "Lina", "Lucas", "Lucia",
        "Luis", "Maya", "Mateo", "Mei", "Mia", "Michael", "Min-jun", "Mohammed", "Nadia", "Naledi",
        "Nathan", "Nia", "Nikhil", "Noah", "Nora", "Olivia", "Omar", "Oscar", "Pablo", "Priya",
        "Rafael", "Rahul", "Rania", "Ravi", "Rosa", "Ruth", "Sakura", "Samuel", "Santiago", "Sara",
        "Sebastian", "Seo-yeon", "Shira", "Sipho", "Sofia", "Sophie", "Tariq", "Thandiwe", "Thomas", "Tomas",
        "Valentina", "Victor", "Wei", "William", "Xin", "Yara", "Yasmin", "Yuki", "Yusuf", "Zainab",
        "Zara", "Zoe",
    ];

    public static readonly string[] Last =
    [
        "Abara", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Bauer", "Bianchi", "Brown", "Carter", "Castillo",
        "Chen", "Cohen", "Costa", "Da Silva", "Dubois", "Eriksson", "Fernandes", "Fischer", "Garcia", "Gonzalez",
        "Gupta", "Haddad", "Hansen", "Hernandez", "Hoffmann", "Horvat", "Huang", "Ibrahim", "Ito", "Jansen",
        "Jensen", "Johnson", "Kim", "Kowalski", "Kumar", "Larsen", "Lee", "Lefebvre", "Li", "Lopez",
        "Martin", "Martinez", "Mendoza", "Mensah", "Meyer", "Moreau", "Morales", "Muller", "Murphy", "Nakamura",
        "Nguyen", "Nielsen", "Novak", "Nowak", "O'Brien", "Okafor", "Okonkwo", "Olsen", "Ortiz", "Patel",
        "Pereira", "Petrov", "Popescu", "Ramirez", "Rao", "Reddy", "Reyes", "Rodriguez", "Rossi", "Russo",
        "Sanchez", "Santos", "Sato", "Schmidt", "Schneider", "Shah", "Sharma", "Silva", "Singh", "Smith",
        "Suzuki", "Tanaka", "Taylor", "Thompson", "Torres", "Tran", "Van der Berg", "Varga", "Wagner", "Walker",
        "Wang", "Watanabe", "Weber", "Williams", "Wilson", "Wong", "Wu", "Yamamoto", "Yilmaz", "Zhang",
    ];
}
