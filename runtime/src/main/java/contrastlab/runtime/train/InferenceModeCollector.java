package contrastlab.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.mxnet.jna.LibUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/**
 * MXNet's {@code autograd.record(train_mode=False)} with a backward in inference mode: blocks run with
 * {@code training = false} inside it (BatchNorm normalises with its running statistics), and the
 * backward pass also runs in inference mode, so BatchNorm's gradient is that of the fixed affine map
 * and its running statistics stay unchanged. DJL's own collector always records and differentiates
 * in training mode (its backward calls {@code MXAutogradBackward}, which is {@code is_train = 1}).
 */
final class InferenceModeCollector implements GradientCollector {

    /** The one MXNet C call DJL does not expose with its {@code is_train} flag. */
    private interface Autograd extends Library {
        int MXAutogradBackwardEx(int numOutput, Pointer[] outputs, Pointer[] outputGradients, int numVariables,
                Pointer[] variables, int retainGraph, int createGraph, int isTrain, PointerByReference gradients,
                PointerByReference gradientStorageTypes);

        String MXGetLastError();
    }

    private static volatile Autograd library;

    InferenceModeCollector() {
        if (!"MXNet".equals(Engine.getInstance().getEngineName())) {
            throw new UnsupportedOperationException("an inference-mode gradient collector needs the MXNet engine, not "
                    + Engine.getInstance().getEngineName());
        }
        if (JnaUtils.autogradSetIsRecording(true)) {
            JnaUtils.autogradSetIsRecording(false);
            throw new IllegalStateException("a gradient collector is already open; close it first");
        }
        JnaUtils.autogradSetTraining(false);
    }

    @Override
    public void backward(NDArray target) {
        Pointer[] outputs = {((MxNDArray) target).getHandle()};
        int status = autograd().MXAutogradBackwardEx(1, outputs, null, 0, null, 0, 0, 0, null, null);
        if (status != 0) {
            throw new IllegalStateException("MXNet backward in inference mode failed: " + autograd().MXGetLastError());
        }
    }

    @Override
    public void zeroGradients() {
        // as DJL's MXNet collector does: the arrays of the system manager (the parent of every base manager)
        try (NDManager probe = NDManager.newBaseManager()) {
            for (NDArray array : probe.getParentManager().getManagedArrays()) {
                if (array.hasGradient()) {
                    array.getGradient().subi(array.getGradient());
                }
            }
        }
    }

    @Override
    public void close() {
        JnaUtils.autogradSetIsRecording(false);
        JnaUtils.autogradSetTraining(false);
    }

    private static Autograd autograd() {
        if (library == null) {
            synchronized (InferenceModeCollector.class) {
                if (library == null) {
                    // the library DJL already loaded, opened the way DJL opens it (RTLD_LAZY)
                    library = Native.load(LibUtils.getLibName(), Autograd.class,
                            Map.of(Library.OPTION_OPEN_FLAGS, 1));
                }
            }
        }
        return library;
    }
}
