package contrastlab.plugins.backbone.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import contrastlab.api.nd.FreezableBatchNorm;

/**
 * The convolution and normalisation layers of the ResNet, configured like torchvision's; public for
 * other backbones that share them (scatnet).
 */
public final class Layers {

    /**
     * torchvision's {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}: N(0, 2 / fan_out)
     * with fan_out = filters x kernel area, which is Xavier's Gaussian with factor OUT and magnitude 2.
     */
    static final Initializer KAIMING_FAN_OUT =
            new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2f);

    /**
     * PyTorch's BatchNorm2d defaults: eps 1e-5 and momentum 0.1, which DJL writes as 1 - 0.1 (the
     * weight of the old running value). One difference stays: MXNet updates the running variance
     * with the biased batch variance, PyTorch with the unbiased one (a factor n/(n-1), n = N*H*W).
     */
    static final float BN_EPSILON = 1e-5f;

    static final float BN_MOMENTUM = 0.9f;

    /** DJL's name of the MXNet engine. */
    private static final String MXNET = "MXNet";

    private Layers() {}

    /**
     * The residual sum {@code a + b} of two arrays of the same shape. On MXNet it runs the legacy
     * {@code elemwise_add} operator, which works on oneDNN's blocked layouts and whose backward is a
     * copy; NDArray#add maps to the numpy broadcast add, which converts the convolutions' layouts
     * back and forth and has a reducing backward: with it a CIFAR ResNet-18 training step measured
     * about twice as slow. Other engines use the plain add.
     */
    public static NDArray add(NDArray a, NDArray b) {
        NDManager manager = a.getManager();
        if (MXNET.equals(manager.getEngine().getEngineName())) {
            return manager.invoke("elemwise_add", new NDList(a, b), null).head();
        }
        return a.add(b);
    }

    /** A bias-free square convolution with torchvision's initialisation. */
    public static Block conv(int filters, int kernel, int stride, int padding) {
        Block conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
        conv.setInitializer(KAIMING_FAN_OUT, Parameter.Type.WEIGHT);
        return conv;
    }

    /**
     * A Linear with bias initialised like PyTorch's nn.Linear (weight and bias U(-1/sqrt(in),
     * 1/sqrt(in))), as SelfCon's {@code fc} exit, which its ResNet's init loop leaves at the default.
     */
    static Block linear(int in, int out) {
        Linear linear = Linear.builder().setUnits(out).build();
        UniformInitializer init = new UniformInitializer((float) (1.0 / Math.sqrt(in)));
        linear.setInitializer(init, Parameter.Type.WEIGHT);
        linear.setInitializer(init, Parameter.Type.BIAS);
        return linear;
    }

    /** BatchNorm over the channel axis of NCHW with PyTorch's defaults (gamma 1, beta 0). */
    public static Block batchNorm() {
        return new FreezableBatchNorm(BN_EPSILON, BN_MOMENTUM);
    }

    /** {@link #batchNorm()}, or with {@code splits > 1} MoCo's {@link SplitBatchNorm} with the same defaults. */
    static Block batchNorm(int splits) {
        return splits == 1 ? batchNorm() : new SplitBatchNorm(splits, BN_EPSILON, BN_MOMENTUM);
    }
}
