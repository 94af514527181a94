package contrastlab.plugins.method.selfcon;

/** The {@code selfcon} method; see {@link Variant#SELFCON}. */
public final class SelfConPlugin extends ConMethodPlugin {

    public SelfConPlugin() {
        super(Variant.SELFCON);
    }
}
