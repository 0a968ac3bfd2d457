namespace Profiles.Simulation.Data.Vocabulary;

internal static class Schools
{
    public static readonly string[] Names =
    [
        "University of Washington", "Stanford University", "Massachusetts Institute of Technology", "University of Michigan",
        "Georgia Institute of Technology", "University of Texas at Austin", "Carnegie Mellon University", "Cornell University",
        "University of Toronto", "McGill University", "University of British Columbia", "Universidade de Sao Paulo",
        "University of Oxford", "University of Cambridge", "Imperial College London", "University of Edinburgh",
        "Trinity College Dublin", "Delft University of Technology", "Technical University of Munich", "ETH Zurich",
        "Sorbonne University", "Universidad Complutense de Madrid", "Politecnico di Milano", "KTH Royal Institute of Technology",
        "University of Copenhagen", "University of Warsaw", "Tel Aviv University", "University of Cape Town",
        "University of Lagos", "University of Nairobi", "Indian Institute of Technology Bombay", "National University of Singapore",
        "Tsinghua University", "University of Tokyo", "Seoul National University", "University of Sydney",
        "University of Melbourne", "University of Auckland",
    ];

    public const string Bachelor = "Bachelor of Science";
    public const string BachelorOfArts = "Bachelor of Arts";

    /// <summary>Degrees after a first one, in the order people usually earn them.</summary>
    public static readonly string[] Graduate = ["Master of Science", "Master of Business Administration", "Doctor of Philosophy"];
}
