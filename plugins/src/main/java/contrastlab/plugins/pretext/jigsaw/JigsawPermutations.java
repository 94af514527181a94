package contrastlab.plugins.pretext.jigsaw;

/** ScatSimCLR's 35 tile permutations ({@code data/permutations_35.npy}), in file order. */
public final class JigsawPermutations {

    private static final String[] ROWS = {"246058713", "012345678", "103264587", "320176845", "431587026",
        "567801234", "658713402", "784620351", "875432160", "012473658", "103528467", "234705186", "325167804",
        "450836721", "576084312", "648210573", "781642035", "867351240", "012635874", "103824567", "230157648",
        "321048756", "456271083", "547386120", "678403215", "865710432", "784562301", "012657438", "103762584",
        "230146857", "321408675", "457081263", "564813702", "678325041", "786534120"};

    /** Number of permutations, the task's classes. */
    public static final int COUNT = ROWS.length;

    private JigsawPermutations() {}

    /** Permutation {@code index}: the network sees tile {@code row[t]} at position t. */
    public static int[] get(int index) {
        String row = ROWS[index];
        int[] permutation = new int[9];
        for (int t = 0; t < 9; t++) {
            permutation[t] = row.charAt(t) - '0';
        }
        return permutation;
    }
}
