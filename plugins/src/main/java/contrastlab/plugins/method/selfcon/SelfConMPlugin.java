package contrastlab.plugins.method.selfcon;

/** The {@code selfcon-m} method; see {@link Variant#SELFCON_M}. */
public final class SelfConMPlugin extends ConMethodPlugin {

    public SelfConMPlugin() {
        super(Variant.SELFCON_M);
    }
}
