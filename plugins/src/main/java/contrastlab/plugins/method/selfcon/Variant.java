package contrastlab.plugins.method.selfcon;

/**
 * How a ConLoss method lays out its contrast groups (main_represent.py's dispatch).
 *
 * @param name the plugin name
 * @param multiview two (or more) augmented views per image, encoded as one batch
 * @param labels same-class samples are positives (the original's {@code --label}, on by default)
 * @param exits the groups are the exits and the backbone (SelfCon) instead of the views
 * @param description one line for {@code contrastlab plugins}
 */
record Variant(String name, boolean multiview, boolean labels, boolean exits, String description) {

    static final Variant SUPCON = new Variant("supcon", true, true, false,
            "SupCon: two views, same-class samples as positives (ConLoss, tau/0.07 scaling)");
    static final Variant SUPCON_S = new Variant("supcon-s", false, true, false,
            "SupCon-S: one view, same-class samples as positives, anchors without one dropped");
    static final Variant CON = new Variant("con", true, false, false,
            "Con: two views, no labels (NT-Xent as SelfCon's ConLoss writes it)");
    static final Variant SELFCON = new Variant("selfcon", false, true, true,
            "SelfCon: one view, the backbone's exits as views, same-class samples as positives");
    static final Variant SELFCON_SU = new Variant("selfcon-su", false, false, true,
            "SelfCon-SU: one view, the same image's other exits as the only positives");
    static final Variant SELFCON_M = new Variant("selfcon-m", true, true, true,
            "SelfCon-M: two views through every exit, same-class samples as positives");
    static final Variant SELFCON_MU = new Variant("selfcon-mu", true, false, true,
            "SelfCon-MU: two views through every exit, no labels (the other view is a negative)");
}
