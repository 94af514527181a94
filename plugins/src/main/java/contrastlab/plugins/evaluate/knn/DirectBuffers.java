package contrastlab.plugins.evaluate.knn;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees a direct buffer's native memory at once instead of when the garbage collector gets to it.
 *
 * <p>{@code NDArray#toByteBuffer} allocates a fresh direct buffer per call. Left to the collector,
 * every chunk of the kNN similarity matrix lands in newly mapped, page-faulting memory: measured
 * here, copying out 600M similarities took twice as long and spent most of it in the kernel. Freed
 * right away, the allocator hands the same memory back for the next chunk. Uses
 * {@code sun.misc.Unsafe#invokeCleaner} (module jdk.unsupported) when the JDK offers it, else
 * does nothing; a buffer without a cleaner (e.g. one that wraps engine memory) is left alone.
 */
final class DirectBuffers {

    private static final Logger LOG = LoggerFactory.getLogger(DirectBuffers.class);

    private static final MethodHandle INVOKE_CLEANER = findCleaner();

    private DirectBuffers() {}

    /** Releases {@code buffer}'s memory if it is a direct buffer that owns it; never use it afterwards. */
    static void free(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null || !buffer.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(buffer);
        } catch (IllegalArgumentException e) {
            // a slice or duplicate: its memory belongs to another buffer
            LOG.trace("not freeing a view buffer", e);
        } catch (Throwable e) {
            throw new IllegalStateException("freeing a direct buffer failed", e);
        }
    }

    private static MethodHandle findCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            MethodHandle handle = MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class));
            return handle.bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("direct buffers are left to the garbage collector: {}", e.toString());
            return null;
        }
    }
}
