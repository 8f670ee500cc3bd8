from participation.cli import main

main()
