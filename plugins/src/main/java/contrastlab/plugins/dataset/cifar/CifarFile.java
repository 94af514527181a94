package contrastlab.plugins.dataset.cifar;

/** One file of a CIFAR binary version and the number of records it must hold. */
record CifarFile(String name, int records) {}
