def running_medians(nums: list[int]) -> list[int]:
    # sorts a fresh copy of the whole prefix after every new element
    medians = []
    for i in range(len(nums)):
        ordered = sorted(nums[:i + 1])
        medians.append(ordered[i // 2])
    return medians
