package io.imgsh.engine.format;

/** Whether an image holds a container root filesystem or a virtual machine disk. */
public enum ImageType {
    CONTAINER("container"),
    VIRTUAL_MACHINE("virtual-machine");

    private final String apiName;

    ImageType(String apiName) {
        this.apiName = apiName;
    }

    /** The name LXD's API and CLI use. */
    public String apiName() {
        return apiName;
    }
}
