from .nag import main

main()
