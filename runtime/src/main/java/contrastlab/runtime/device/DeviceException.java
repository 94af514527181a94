package contrastlab.runtime.device;

/** The recipe asks for devices the machine cannot give. */
public class DeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }
}
