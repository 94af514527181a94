package contrastlab.plugins.method.selfcon;

/** The {@code supcon} method; see {@link Variant#SUPCON}. */
public final class SupConPlugin extends ConMethodPlugin {

    public SupConPlugin() {
        super(Variant.SUPCON);
    }
}
