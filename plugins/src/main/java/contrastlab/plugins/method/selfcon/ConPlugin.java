package contrastlab.plugins.method.selfcon;

/** The {@code con} method; see {@link Variant#CON}. */
public final class ConPlugin extends ConMethodPlugin {

    public ConPlugin() {
        super(Variant.CON);
    }
}
