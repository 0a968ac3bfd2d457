namespace Profiles.Simulation.Data.Vocabulary;

internal static class Places
{
    public static readonly string[] Cities =
    [
        "Seattle, Washington, United States", "San Francisco, California, United States", "New York, New York, United States",
        "Austin, Texas, United States", "Chicago, Illinois, United States", "Boston, Massachusetts, United States",
        "Denver, Colorado, United States", "Atlanta, Georgia, United States", "Toronto, Ontario, Canada",
        "Vancouver, British Columbia, Canada", "Montreal, Quebec, Canada", "Mexico City, Mexico",
        "Sao Paulo, Brazil", "Buenos Aires, Argentina", "Bogota, Colombia", "Santiago, Chile",
        "London, England, United Kingdom", "Manchester, England, United Kingdom", "Edinburgh, Scotland, United Kingdom",
        "Dublin, Ireland", "Amsterdam, Netherlands", "Berlin, Germany", "Munich, Germany", "Paris, France",
        "Lyon, France", "Madrid, Spain", "Barcelona, Spain", "Lisbon, Portugal", "Milan, Italy", "Zurich, Switzerland",
        "Stockholm, Sweden", "Copenhagen, Denmark", "Oslo, Norway", "Helsinki, Finland", "Warsaw, Poland",
        "Prague, Czechia", "Vienna, Austria", "Istanbul, Turkey", "Tel Aviv, Israel", "Dubai, United Arab Emirates",
        "Cairo, Egypt", "Lagos, Nigeria", "Nairobi, Kenya", "Cape Town, South Africa", "Bengaluru, Karnataka, India",
        "Hyderabad, Telangana, India", "Mumbai, Maharashtra, India", "Singapore", "Jakarta, Indonesia",
        "Shanghai, China", "Tokyo, Japan", "Seoul, South Korea", "Sydney, New South Wales, Australia",
        "Melbourne, Victoria, Australia", "Auckland, New Zealand",
    ];
}
